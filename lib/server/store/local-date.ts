import "server-only";

/**
 * Daily totals are kept per local date of the dashboard's machine (its time zone: TZ, or the
 * system's), the day a person at that machine means by "yesterday". As "YYYY-MM-DD" strings they
 * sort as dates and compare as text in SQL.
 */
export function localDate(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The date `days` calendar days after `date` (negative: before); calendar arithmetic, no clock. */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  const shifted = new Date(Date.UTC(y!, m! - 1, d! + days));
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

const pad = (n: number) => String(n).padStart(2, "0");
