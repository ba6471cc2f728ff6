import { STATUS_GROUPS, type StatusGroup } from "@/lib/agent-api/status-groups";

/**
 * The runs table's view state, kept in the URL query string so a bookmark reopens the same view:
 *   q      text search on name and path
 *   status one status group: active | done | error | paused | idle
 *   type   run type (folder | transfer | script, or any type the agent reports)
 *   sort   column id;  dir  asc | desc
 */
export type RunsView = {
  q: string;
  status: StatusGroup | "";
  type: string;
  sort: string;
  dir: "asc" | "desc";
};

export const EMPTY_VIEW: RunsView = { q: "", status: "", type: "", sort: "", dir: "asc" };

const isGroup = (s: string): s is StatusGroup => (STATUS_GROUPS as readonly string[]).includes(s);

/** Reads the view from a query string, ignoring anything malformed (old bookmarks must not break). */
export function parseRunsView(params: URLSearchParams, sortable: readonly string[]): RunsView {
  const status = params.get("status") ?? "";
  const sort = params.get("sort") ?? "";
  return {
    q: (params.get("q") ?? "").slice(0, 200),
    status: isGroup(status) ? status : "",
    type: (params.get("type") ?? "").slice(0, 100),
    sort: sortable.includes(sort) ? sort : "",
    dir: params.get("dir") === "desc" ? "desc" : "asc",
  };
}

/** Applies a change to a query string, dropping defaults so URLs stay short; other params survive. */
export function writeRunsView(current: URLSearchParams, patch: Partial<RunsView>): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [k, v] of Object.entries(patch) as [keyof RunsView, string][]) {
    if (v === "" || (k === "dir" && v === "asc")) next.delete(k);
    else next.set(k, v);
  }
  if (!next.get("sort")) next.delete("dir");
  return next;
}
