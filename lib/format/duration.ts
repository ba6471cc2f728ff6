import { numberFormat } from "./number";

const n = (v: number, locale?: string) => numberFormat(locale, { maximumFractionDigits: 0 }).format(v);

/**
 * Time left, from the agent's `eta` in seconds: "45 s", "3 min", "1 h 5 min", "2 d 3 h".
 * 0 means the agent has no estimate (or nothing left), so it shows "—" like an unknown value.
 */
export function formatEta(seconds: number | undefined, locale?: string): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${n(s, locale)} s`;
  if (s < 3600) return `${n(Math.round(s / 60), locale)} min`;
  if (s < 86_400) {
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return m ? `${n(h, locale)} h ${n(m, locale)} min` : `${n(h, locale)} h`;
  }
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  return h ? `${n(d, locale)} d ${n(h, locale)} h` : `${n(d, locale)} d`;
}

const pad = (v: number) => String(v).padStart(2, "0");

/** Countdown "mm:ss" ("h:mm:ss" past an hour, so a 4 h pause stays readable); never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

/** Human length of a duration given in seconds, for choices like "15 min" or "4 h". */
export function formatDurationShort(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}
