import type {
  FOLDER_STATUSES,
  GENERAL_STATUSES,
  KnownRunType,
  Run,
  SCRIPT_STATUSES,
  TRANSFER_STATUSES,
} from "../agent-api/runs";

/** Only documented statuses: the simulator must never invent one the UI was not built for. */
export type RunStatus =
  | (typeof GENERAL_STATUSES)[number]
  | (typeof FOLDER_STATUSES)[number]
  | (typeof TRANSFER_STATUSES)[number]
  | (typeof SCRIPT_STATUSES)[number];

/**
 * What the simulator sends for a run: the schema's `Run` (so fixtures cannot drift from it) with
 * every field of the doc's sample present. `last_synced` stays optional: a folder that never
 * finished syncing has no such moment.
 */
export type FullRun = Run &
  Required<
    Pick<
      Run,
      | "id"
      | "path"
      | "permission"
      | "down_speed"
      | "up_speed"
      | "eta"
      | "files_completed"
      | "files_total"
      | "size_completed"
      | "size_total"
      | "transferred_down"
      | "transferred_up"
      | "peers_count"
      | "peers_count_proxied"
    >
  > & { type: KnownRunType; status: RunStatus; errors: unknown[] };

/** A run plus the hidden state that drives its motion; only `wire` is ever sent. */
export interface SimRun {
  wire: FullRun;
  /** Current download speed (bytes/s) while moving data; random-walks every tick. */
  speed: number;
  /** Upload speed (bytes/s) while seeding or serving peers; 0 for runs that never upload. */
  upSpeed: number;
  /** Time left (ms) in a transient status such as "indexing" or "executing script". */
  phaseMs: number;
  /** The status a transient one turns into when `phaseMs` runs out. */
  next: RunStatus;
  /** What pausing the agent replaced, restored on resume. */
  beforePause?: Pick<FullRun, "status" | "down_speed" | "up_speed" | "eta">;
  /** Idle in a realistic mix (`--active-percent`): never stepped, so it stays as it is. */
  still?: boolean;
}

export const MB = 1_000_000;
/** Plausible WAN/LAN transfer speeds: 0.2–20 MB/s. */
export const MIN_SPEED = 0.2 * MB;
export const MAX_SPEED = 20 * MB;
