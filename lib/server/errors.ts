import "server-only";
import { ERROR_CODES, type ErrorBody, type ErrorCode } from "@/lib/bff/contract";
import { log } from "./log";

/**
 * An error the BFF means to show: its code fixes the HTTP status (ERROR_CODES), its message is
 * written for the person at the browser and must never carry a token, an agent URL or raw upstream text.
 */
const BRAND = Symbol.for("agent-deck.AppError");

export class AppError extends Error {
  /** Next may bundle this module more than once (proxy, each route); the brand survives that, instanceof may not. */
  readonly [BRAND] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    /** Extra response headers, e.g. Retry-After on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function statusOf(err: AppError): number {
  return ERROR_CODES[err.code];
}

export function isAppError(err: unknown): err is AppError {
  return (
    err instanceof AppError ||
    (typeof err === "object" && err !== null && (err as { [BRAND]?: unknown })[BRAND] === true)
  );
}

export const NO_STORE = "no-store";

/** The one way an error leaves the BFF: `{"error":{"code","message","fields?"}}` with an honest status. */
export function toResponse(err: unknown): Response {
  let appErr: AppError;
  if (isAppError(err)) {
    appErr = err;
  } else {
    // Unknown failures are our bugs: log them for the operator, tell the browser nothing internal.
    const detail =
      err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { value: String(err) };
    log("error", "internal_error", detail);
    appErr = new AppError("internal_error", "Something went wrong inside the dashboard; the details are in its log.");
  }
  const body: ErrorBody = {
    error: { code: appErr.code, message: appErr.message, ...(appErr.fields ? { fields: appErr.fields } : {}) },
  };
  return Response.json(body, { status: statusOf(appErr), headers: { "Cache-Control": NO_STORE, ...appErr.headers } });
}
