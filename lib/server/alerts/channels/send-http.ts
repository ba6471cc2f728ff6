import "server-only";
import { parseRetryAfter } from "../backoff";
import type { HttpRequest } from "./types";

/**
 * One POST to a receiver, bounded: a timeout for the whole exchange, a body cap on the way out, at
 * most 2 KB of the answer read (for the error text), no redirects followed (a channel goes where the
 * admin pointed it, not where the receiver forwards). Outcomes: 2xx delivered; 408, 429, 5xx, a
 * timeout or a refused connection are tried again; any other answer (4xx, 3xx) is final.
 */
export const MAX_REQUEST_BYTES = 64 * 1024;
const MAX_ANSWER_BYTES = 2048;

export type Attempt = {
  ok: boolean;
  /** Whether a later attempt may succeed. */
  retry: boolean;
  status?: number;
  error?: string;
  retryAfterMs?: number;
  durationMs: number;
};

export function classifyStatus(status: number): { ok: boolean; retry: boolean } {
  if (status >= 200 && status < 300) return { ok: true, retry: false };
  if (status === 408 || status === 429 || status >= 500) return { ok: false, retry: true };
  return { ok: false, retry: false };
}

export async function postJson(req: HttpRequest, timeoutMs: number, now = Date.now): Promise<Attempt> {
  const started = performance.now();
  const done = (a: Omit<Attempt, "durationMs">): Attempt => ({
    ...a,
    durationMs: Math.round(performance.now() - started),
  });
  if (Buffer.byteLength(req.body) > MAX_REQUEST_BYTES)
    return done({ ok: false, retry: false, error: `The notification is larger than ${MAX_REQUEST_BYTES / 1024} KB` });
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: "POST",
      headers: req.headers,
      body: req.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    return done({ ok: false, retry: true, error: networkError(err, timeoutMs) });
  }
  const answer = await readSome(res);
  const { ok, retry } = classifyStatus(res.status);
  if (ok) return done({ ok, retry, status: res.status });
  const retryAfterMs =
    res.status === 429 || res.status === 503 ? parseRetryAfter(res.headers.get("retry-after"), now()) : undefined;
  const redirect = res.status >= 300 && res.status < 400 ? " (redirects are not followed)" : "";
  return done({
    ok,
    retry,
    status: res.status,
    error: `HTTP ${res.status}${redirect}${answer ? `: ${answer}` : ""}`,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** The first bytes of the answer as one line of text (what the receiver said went wrong). */
async function readSome(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_ANSWER_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // The answer broke off: what came is enough.
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks)
    .toString("utf8")
    .slice(0, 300)
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim();
}

function networkError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (e.name === "TimeoutError" || e.name === "AbortError") return `No answer within ${timeoutMs / 1000} s`;
  const code = e.cause?.code;
  if (code === "ECONNREFUSED") return "Connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "The receiver's host name does not resolve";
  if (code) return `Network error (${code})`;
  return `Network error: ${e.cause?.message ?? e.message ?? String(err)}`;
}
