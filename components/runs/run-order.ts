import type { Run } from "@/lib/agent-api/runs";
import { statusGroup, type StatusGroup } from "@/lib/agent-api/status-groups";

/**
 * Filtering and sorting of the runs list, done once per poll on up to tens of thousands of runs.
 * TanStack Table rebuilds a Row object (dozens of closures) for every run whenever the data array
 * changes, which at 5,000 runs cost more than the whole per-poll budget; this keeps only what the
 * table needs: a filtered, ordered array of the runs themselves.
 */
export type RunFilter = { q: string; status: StatusGroup | ""; type: string };
export type SortKey = string | number | undefined;
export type SortSpec = { sortValue: (r: Run) => SortKey; dir: "asc" | "desc" };

export function filterRuns(runs: readonly Run[], { q, status, type }: RunFilter): readonly Run[] {
  const needle = q.trim().toLowerCase();
  if (!needle && !status && !type) return runs;
  return runs.filter(
    (r) =>
      (!status || statusGroup(r.status) === status) &&
      (!type || r.type === type) &&
      (!needle || r.name.toLowerCase().includes(needle) || (r.path?.toLowerCase().includes(needle) ?? false)),
  );
}

// Names sort as people expect in their language ("Ä" near "A", "Run 9" before "Run 10").
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function compareKeys(x: SortKey, y: SortKey): number {
  if (typeof x === "number" && typeof y === "number") return x - y;
  return collator.compare(String(x), String(y));
}

/**
 * Remembers the last ordering so that a poll which changed no sort key (the usual case when
 * sorting by name, type or status) reorders nothing: comparing 5,000 keys is far cheaper than a
 * collator sort, and the result keeps the previous order exactly.
 */
export class RunSorter {
  private last: { ids: number[]; keys: SortKey[]; spec: SortSpec; order: number[] } | undefined;

  /**
   * Runs in `spec` order; missing values (older agents, no estimate) always last, whatever the
   * direction; ties keep the agent's own order. Without a spec the agent's order is kept.
   */
  sort(runs: readonly Run[], spec: SortSpec | undefined): readonly Run[] {
    if (!spec) return runs;
    const n = runs.length;
    const ids = new Array<number>(n);
    const keys = new Array<SortKey>(n);
    for (let i = 0; i < n; i++) {
      ids[i] = runs[i]!.run_id;
      keys[i] = spec.sortValue(runs[i]!);
    }
    const order = this.reusable(ids, keys, spec) ?? sortedIndexes(keys, spec.dir);
    this.last = { ids, keys, spec, order };
    const out = new Array<Run>(n);
    for (let i = 0; i < n; i++) out[i] = runs[order[i]!]!;
    return out;
  }

  private reusable(ids: number[], keys: SortKey[], spec: SortSpec): number[] | undefined {
    const last = this.last;
    if (!last || last.spec.sortValue !== spec.sortValue || last.spec.dir !== spec.dir || last.ids.length !== ids.length)
      return undefined;
    for (let i = 0; i < ids.length; i++) if (last.ids[i] !== ids[i] || last.keys[i] !== keys[i]) return undefined;
    return last.order;
  }
}

function sortedIndexes(keys: readonly SortKey[], dir: "asc" | "desc"): number[] {
  const sign = dir === "desc" ? -1 : 1;
  const order = Array.from(keys, (_, i) => i);
  order.sort((a, b) => {
    const x = keys[a];
    const y = keys[b];
    if (x === undefined || y === undefined) return x === y ? a - b : x === undefined ? 1 : -1;
    return sign * compareKeys(x, y) || a - b;
  });
  return order;
}
