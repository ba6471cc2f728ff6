/**
 * Number formatting in the browser's locale. `locale` is a parameter only so tests can pin one;
 * the UI passes nothing and gets the user's own separators.
 */
const cache = new Map<string, Intl.NumberFormat>();

export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  // Formatters are costly to build and a 5,000-row table formats many numbers per poll: reuse them.
  const key = `${locale ?? ""}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(n: number | undefined, locale?: string): string {
  if (n === undefined || !Number.isFinite(n)) return "—";
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(n);
}

/** "63%"; input is 0–100. Floored, so a run at 99.6% never reads "100%" before it is done. */
export function formatPercent(pct: number | undefined, locale?: string): string {
  if (pct === undefined || !Number.isFinite(pct)) return "—";
  const whole = Math.floor(Math.max(0, Math.min(100, pct)));
  return numberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(whole / 100);
}

/** "208 / 209" (numbers localised); a missing total shows as "—". */
export function formatFraction(done: number | undefined, total: number | undefined, locale?: string): string {
  if (done === undefined && total === undefined) return "—";
  return `${formatNumber(done ?? 0, locale)} / ${formatNumber(total, locale)}`;
}
