import { DEFAULT_HISTORY_RANGE, HISTORY_RANGES, type HistoryRange } from "@/lib/bff/contract-store";

/** The charts' range, kept in the URL (`?range=`) so a bookmark reopens the same window. */
export type RangeView = { range: HistoryRange };

const UNIT_WORD = { m: "minute", h: "hour", d: "day" } as const;

/** "last 15 minutes", "last hour", "last 30 days": read from the range's own name ("15m"). */
export function rangeLabel(range: HistoryRange): string {
  const n = Number(range.slice(0, -1));
  const word = UNIT_WORD[range.at(-1) as keyof typeof UNIT_WORD];
  return n === 1 ? `last ${word}` : `last ${n} ${word}s`;
}

const isRange = (s: string): s is HistoryRange => (HISTORY_RANGES as readonly string[]).includes(s);

export function parseRangeView(params: URLSearchParams): RangeView {
  const range = params.get("range") ?? "";
  return { range: isRange(range) ? range : DEFAULT_HISTORY_RANGE };
}

/** Writes the range, leaving the default out of the URL; other parameters (the runs view) survive. */
export function writeRangeView(current: URLSearchParams, patch: Partial<RangeView>): URLSearchParams {
  const next = new URLSearchParams(current);
  if (patch.range === undefined) return next;
  if (patch.range === DEFAULT_HISTORY_RANGE) next.delete("range");
  else next.set("range", patch.range);
  return next;
}
