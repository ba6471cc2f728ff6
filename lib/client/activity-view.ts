import { EVENT_KINDS, SEVERITIES, type EventKind, type Severity } from "@/lib/bff/contract-store";

/**
 * The activity page's filters, kept in the URL so a bookmark reopens the same view:
 *   kind      comma-separated event kinds (run_status,run_error)
 *   severity  comma-separated severities (warning,error)
 *   runId     one run's events
 *   q         text search in messages, run names and actors
 * The same names and formats as the events API's own query, so the URL reads like the request.
 */
export type ActivityView = { kind: EventKind[]; severity: Severity[]; runId: string; q: string };

export const EMPTY_ACTIVITY: ActivityView = { kind: [], severity: [], runId: "", q: "" };

function listOf<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  const values = (raw ?? "").split(",").map((v) => v.trim());
  // In the allowed order and without repeats, so equal filters give equal URLs and query keys.
  return allowed.filter((a) => values.includes(a));
}

/** Reads the view, ignoring anything malformed: an old or hand-edited bookmark must not break the page. */
export function parseActivityView(params: URLSearchParams): ActivityView {
  const runId = params.get("runId") ?? "";
  return {
    kind: listOf(params.get("kind"), EVENT_KINDS),
    severity: listOf(params.get("severity"), SEVERITIES),
    runId: /^\d{1,15}$/.test(runId) ? runId : "",
    q: (params.get("q") ?? "").slice(0, 200),
  };
}

/** Applies a change to a query string, dropping empty filters; other parameters survive. */
export function writeActivityView(current: URLSearchParams, patch: Partial<ActivityView>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [k, v] of Object.entries(patch) as [keyof ActivityView, string | string[]][]) {
    const text = Array.isArray(v) ? v.join(",") : v;
    if (text === "") next.delete(k);
    else next.set(k, text);
  }
  return next;
}

/** The filters as the events API's query parameters (also what the CSV export link carries). */
export function activityParams(view: ActivityView): URLSearchParams {
  return writeActivityView(new URLSearchParams(), view);
}

export function isFiltered(view: ActivityView): boolean {
  return view.kind.length > 0 || view.severity.length > 0 || view.runId !== "" || view.q !== "";
}
