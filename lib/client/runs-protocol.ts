import type { Run } from "@/lib/agent-api/runs";

/**
 * Messages between the page and the runs worker (runs-worker.ts). The worker keeps the last list it
 * sent for each path, numbered by `version`; the page says which version it holds (`have`), and the
 * answer carries only the runs that changed since then (`fresh`), with `keep[i]` the index in that
 * version of an unchanged run (or -1 for the next fresh one). `base` 0 means "a whole new list".
 */
export type RunsRequest = { seq: number; path: string; have: number };

export type WireError = { status: number; code: string; message: string; fields?: Record<string, string[]> };

export type RunsReply =
  | { seq: number; ok: true; version: number; base: number; keep: Int32Array; fresh: Run[] }
  | { seq: number; ok: false; error: WireError };

/** Rebuilds the full list from a reply and the list it was based on. */
export function applyReply(keep: Int32Array, fresh: readonly Run[], base: readonly Run[] | undefined): Run[] {
  const runs = new Array<Run>(keep.length);
  let next = 0;
  for (let i = 0; i < keep.length; i++) {
    const j = keep[i]!;
    runs[i] = j >= 0 && base ? base[j]! : fresh[next++]!;
  }
  return runs;
}
