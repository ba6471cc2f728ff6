import * as z from "./zod";

export const RUN_TYPES = ["folder", "transfer", "script"] as const;
export type KnownRunType = (typeof RUN_TYPES)[number];

/** Every status the vendor documents, by the job type it applies to. */
export const GENERAL_STATUSES = [
  "error",
  "loading",
  "paused",
  "writing acl",
  "processing files",
  "indexing",
  "low priority",
] as const;
export const FOLDER_STATUSES = ["mounting selective sync volume", "no peers", "syncing", "synced"] as const;
export const TRANSFER_STATUSES = [
  "invalid state",
  "no peers",
  "waiting for files from source",
  "downloading",
  "seeding",
  "cleaning up destination folder",
  "waiting for scheduled script",
  "executing pre-indexing script",
  "executing post-download script",
  "executing complete script",
  "archiving script logs",
  "successfully finished",
  "expired",
] as const;
export const SCRIPT_STATUSES = ["expired", "successfully finished", "executing script"] as const;

/**
 * One job run (GET /api/v3/runs). The doc calls the fields self-descriptive and gives one sample;
 * the identity and progress fields are required, the rest optional so that older or newer agents
 * still pass. Unknown `status`/`type` strings are accepted and rendered neutrally.
 */
export const RunSchema = z.looseObject({
  run_id: z.int(),
  id: z.optional(z.int()),
  name: z.string(),
  path: z.optional(z.string()),
  type: z.string(),
  status: z.string(),
  permission: z.optional(z.string()),
  down_speed: z.optional(z.number()),
  up_speed: z.optional(z.number()),
  eta: z.optional(z.number()),
  files_completed: z.optional(z.number()),
  files_total: z.optional(z.number()),
  size_completed: z.optional(z.number()),
  size_total: z.optional(z.number()),
  transferred_down: z.optional(z.number()),
  transferred_up: z.optional(z.number()),
  peers_count: z.optional(z.number()),
  peers_count_proxied: z.optional(z.number()),
  last_synced: z.optional(z.number()),
  /** Element shape undocumented: accept anything, render readably. */
  errors: z.optional(z.array(z.unknown())),
});

export const RunsSchema = z.array(RunSchema);
export type Run = z.infer<typeof RunSchema>;
