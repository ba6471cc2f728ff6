import { HISTORY_RANGES, type HistoryRange } from "@/lib/bff/contract-store";

/** The charts' range, kept in the URL (`?range=`) so a bookmark reopens the same window. */
export type RangeView = { range: HistoryRange };

export const DEFAULT_RANGE: HistoryRange = "15m";

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "15m" → 900000: read from the range's own name, so a new range needs no table here. */
export function rangeMs(range: HistoryRange): number {
  const unit = range.at(-1) as keyof typeof UNIT_MS;
  return Number(range.slice(0, -1)) * UNIT_MS[unit];
}

const UNIT_WORD = { m: "minute", h: "hour", d: "day" } as const;

/** "last 15 minutes", "last hour", "last 30 days". */
export function rangeLabel(range: HistoryRange): string {
  const n = Number(range.slice(0, -1));
  const word = UNIT_WORD[range.at(-1) as keyof typeof UNIT_WORD];
  return n === 1 ? `last ${word}` : `last ${n} ${word}s`;
}

const isRange = (s: string): s is HistoryRange => (HISTORY_RANGES as readonly string[]).includes(s);

export function parseRangeView(params: URLSearchParams): RangeView {
  const range = params.get("range") ?? "";
  return { range: isRange(range) ? range : DEFAULT_RANGE };
}

/** Writes the range, leaving the default out of the URL; other parameters (the runs view) survive. */
export function writeRangeView(current: URLSearchParams, patch: Partial<RangeView>): URLSearchParams {
  const next = new URLSearchParams(current);
  if (patch.range === undefined) return next;
  if (patch.range === DEFAULT_RANGE) next.delete("range");
  else next.set("range", patch.range);
  return next;
}
