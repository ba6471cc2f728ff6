import { SessionLoginSchema } from "@/lib/bff/contract";
import { apiPost } from "./api";

/** Sign in: the BFF answers with an HttpOnly session cookie. */
export function signIn(password: string): Promise<unknown> {
  return apiPost("/api/session", SessionLoginSchema.parse({ password }));
}

/**
 * Only same-site paths may follow sign-in: "/x" yes; "//evil", "/\\evil", "https://…" no. Nor any
 * control character or backslash anywhere: URL parsing drops tabs and newlines, so "/\t/evil" would
 * become "//evil", another site.
 */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/login") || /[\u0000-\u001f\u007f\\]/.test(next)) return "/";
  return next;
}
