import { isAppError, type AppError } from "@/lib/server/errors";

/**
 * Runs `fn` and returns the AppError it must throw. Apart from helpers.ts, which e2e specs import
 * too: lib/server modules are server-only, which Playwright's loader cannot import.
 */
export async function failure(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (err) {
    if (isAppError(err)) return err;
    throw err;
  }
  throw new Error("expected the call to fail");
}
