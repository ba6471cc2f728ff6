import "server-only";

/**
 * When a failed delivery is tried again: exponential backoff with "equal jitter" (half the delay
 * fixed, half random), so receivers that came back are not hit by every dashboard at the same
 * instant, and a delay never shrinks to nothing. Retries stop once the notification is an hour old:
 * by then it is news nobody can act on, and the delivery log says it was given up.
 */
export const RETRY_BASE_MS = 2_000;
export const RETRY_MAX_DELAY_MS = 10 * 60_000;
export const RETRY_WINDOW_MS = 60 * 60_000;

/** The delay before attempt `attempt + 1`, after `attempt` failed ones (1, 2, ...). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * The next attempt's time, or undefined when the retry window is over. A receiver's Retry-After
 * (429, 503) replaces the backoff when it asks for longer; both stay inside the window.
 */
export function nextAttemptAt(
  createdAt: number,
  now: number,
  attempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number | undefined {
  const delay = Math.max(backoffDelay(attempt, random), retryAfterMs ?? 0);
  const at = now + delay;
  const deadline = createdAt + RETRY_WINDOW_MS;
  if (now >= deadline) return undefined;
  return Math.min(at, deadline);
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d{1,9}$/.test(v)) return Number(v) * 1000;
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
