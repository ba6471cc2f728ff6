import {
  SessionLoginSchema,
  SessionSignOutResponseSchema,
  SessionStateSchema,
  type SessionSignOutResponse,
  type SessionState,
} from "@/lib/bff/contract";
import { apiDelete, apiGet, apiPost } from "./api";

/** Sign in: the BFF answers with an HttpOnly session cookie. */
export function signIn(password: string): Promise<unknown> {
  return apiPost("/api/session", SessionLoginSchema.parse({ password }));
}

/** Whether this browser is signed in, and as whom. */
export async function sessionState(): Promise<SessionState> {
  return SessionStateSchema.parse(await apiGet("/api/session"));
}

/** Sign out this browser, or (`everywhere`) every session on the dashboard; the cookie is then dead. */
export async function signOut(everywhere: boolean): Promise<SessionSignOutResponse> {
  return SessionSignOutResponseSchema.parse(await apiDelete(everywhere ? "/api/session?all=1" : "/api/session"));
}

/**
 * Only same-site paths may follow sign-in: "/x" yes; "//evil", "/\\evil", "https://…" no. Nor any
 * control character or backslash anywhere: URL parsing drops tabs and newlines, so "/\t/evil" would
 * become "//evil", another site.
 */
export function safeNext(next: string | undefined | null): string {
  if (
    !next ||
    !next.startsWith("/") ||
    next.startsWith("//") ||
    next.startsWith("/login") ||
    /[\u0000-\u001f\u007f\\]/.test(next)
  )
    return "/";
  return next;
}
