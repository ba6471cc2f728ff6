import { numberFormat } from "./number";

/**
 * Sizes use base 1024 with the familiar labels KB, MB, GB, TB (what Resilio's own UI and most
 * sync tools show), consistently everywhere in the dashboard.
 */
const UNITS = ["B", "KB", "MB", "GB", "TB", "PB"] as const;

export function formatBytes(bytes: number | undefined, locale?: string): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return "—";
  const sign = bytes < 0 ? "-" : "";
  let v = Math.abs(bytes);
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  // Bytes are whole; larger units keep one decimal while the number is small enough to need it.
  const digits = i === 0 ? 0 : v < 100 ? 1 : 0;
  const text = numberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);
  return `${sign}${text} ${UNITS[i]}`;
}

/** Bytes per second, e.g. "1.2 MB/s". */
export function formatSpeed(bytesPerSecond: number | undefined, locale?: string): string {
  if (bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond)) return "—";
  return `${formatBytes(Math.max(0, bytesPerSecond), locale)}/s`;
}

/** "120 MB / 138 MB" for done/total; unknown total shows "—". */
export function formatSizeFraction(done: number | undefined, total: number | undefined, locale?: string): string {
  if (done === undefined && total === undefined) return "—";
  return `${formatBytes(done ?? 0, locale)} / ${formatBytes(total, locale)}`;
}
