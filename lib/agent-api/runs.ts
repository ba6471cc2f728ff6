import { z } from "./zod";

export const RUN_TYPES = ["folder", "transfer", "script"] as const;
export type KnownRunType = (typeof RUN_TYPES)[number];

/** Every status the vendor documents, by the job type it applies to. */
export const GENERAL_STATUSES = ["error", "loading", "paused", "writing acl", "processing files", "indexing", "low priority"] as const;
export const FOLDER_STATUSES = ["mounting selective sync volume", "no peers", "syncing", "synced"] as const;
export const TRANSFER_STATUSES = [
  "invalid state", "no peers", "waiting for files from source", "downloading", "seeding",
  "cleaning up destination folder", "waiting for scheduled script", "executing pre-indexing script",
  "executing post-download script", "executing complete script", "archiving script logs",
  "successfully finished", "expired",
] as const;
export const SCRIPT_STATUSES = ["expired", "successfully finished", "executing script"] as const;

/**
 * One job run (GET /api/v3/runs). The doc calls the fields self-descriptive and gives one sample;
 * the identity and progress fields are required, the rest optional so that older or newer agents
 * still pass. Unknown `status`/`type` strings are accepted and rendered neutrally.
 */
export const RunSchema = z.looseObject({
  run_id: z.number().int(),
  id: z.number().int().optional(),
  name: z.string(),
  path: z.string().optional(),
  type: z.string(),
  status: z.string(),
  permission: z.string().optional(),
  down_speed: z.number().optional(),
  up_speed: z.number().optional(),
  eta: z.number().optional(),
  files_completed: z.number().optional(),
  files_total: z.number().optional(),
  size_completed: z.number().optional(),
  size_total: z.number().optional(),
  transferred_down: z.number().optional(),
  transferred_up: z.number().optional(),
  peers_count: z.number().optional(),
  peers_count_proxied: z.number().optional(),
  last_synced: z.number().optional(),
  /** Element shape undocumented: accept anything, render readably. */
  errors: z.array(z.unknown()).optional(),
});

export const RunsSchema = z.array(RunSchema);
export type Run = z.infer<typeof RunSchema>;
