import { numberFormat } from "./number";

type Unit = "second" | "minute" | "hour" | "day";
const STEPS: [Unit, number, string][] = [
  ["second", 60, "s"],
  ["minute", 60, "min"],
  ["hour", 24, "h"],
  ["day", Number.POSITIVE_INFINITY, "d"],
];

// Intl formatters are costly to build and every visible table row formats times: build each once.
const formatters = new Map<string, Intl.RelativeTimeFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.RelativeTimeFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f as F;
}
const relativeFormat = (locale?: string) =>
  cached(`rel|${locale ?? ""}`, () => new Intl.RelativeTimeFormat(locale, { style: "short", numeric: "auto" }));
const dateTimeFormat = (locale: string | undefined, options: Intl.DateTimeFormatOptions) =>
  cached(`dt|${locale ?? ""}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));

function resolvedLanguage(locale?: string): string {
  return relativeFormat(locale).resolvedOptions().locale.split("-")[0] ?? "en";
}

/**
 * Relative time: "12 s ago", "3 min ago", "in 5 min". The dashboard's copy is English, so English
 * locales get the compact unit style used throughout the UI; other locales get their own wording
 * from Intl.RelativeTimeFormat.
 */
export function formatRelative(thenMs: number, nowMs: number, locale?: string): string {
  const diffS = Math.round((thenMs - nowMs) / 1000);
  const abs = Math.abs(diffS);
  let value = abs;
  let step = STEPS[0]!;
  for (const s of STEPS) {
    step = s;
    if (value < s[1]) break;
    value = Math.floor(value / s[1]);
  }
  const [unit, , short] = step;
  if (resolvedLanguage(locale) !== "en") {
    return relativeFormat(locale).format(diffS < 0 ? -value : value, unit);
  }
  if (abs < 1) return "just now";
  const text = `${numberFormat(locale, { maximumFractionDigits: 0 }).format(value)} ${short}`;
  return diffS < 0 ? `${text} ago` : `in ${text}`;
}

/** Unix seconds (the agent's `last_seen`, `last_synced`) relative to now; absent or 0 → "never". */
export function formatUnixRelative(unixSeconds: number | undefined, nowMs: number, locale?: string): string {
  if (!unixSeconds || !Number.isFinite(unixSeconds)) return "never";
  return formatRelative(unixSeconds * 1000, nowMs, locale);
}

/** Wall-clock time "12:03:14" in the browser's locale. */
export function formatClock(ms: number, locale?: string, withSeconds = true): string {
  return dateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    second: withSeconds ? "2-digit" : undefined,
  }).format(ms);
}

/** Full date and time, for tooltips and the run details page. */
export function formatDateTime(ms: number, locale?: string): string {
  return dateTimeFormat(locale, { dateStyle: "medium", timeStyle: "medium" }).format(ms);
}

/** A day, "Dec 2" in the browser's locale: daily bars and multi-day chart axes. */
export function formatDay(ms: number, locale?: string): string {
  return dateTimeFormat(locale, { month: "short", day: "numeric" }).format(ms);
}

/**
 * When an event happened, as a list shows it: the clock time for today, with the day before it
 * for other days (and the year for other years). `nowMs` 0 (not known yet) always names the day.
 */
export function formatWhen(ms: number, nowMs: number, withSeconds = true, locale?: string): string {
  const then = new Date(ms);
  const now = new Date(nowMs);
  const clock = formatClock(ms, locale, withSeconds);
  if (nowMs && then.toDateString() === now.toDateString()) return clock;
  const day =
    then.getFullYear() === now.getFullYear()
      ? formatDay(ms, locale)
      : dateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric" }).format(ms);
  return `${day}, ${clock}`;
}
