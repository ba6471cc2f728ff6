import { SessionLoginSchema } from "@/lib/bff/contract";
import { apiPost } from "./api";

/** Sign in: the BFF answers with an HttpOnly session cookie. */
export function signIn(password: string): Promise<unknown> {
  return apiPost("/api/session", SessionLoginSchema.parse({ password }));
}

/** Only same-site paths may follow sign-in: "/x" yes; "//evil", "/\\evil", "https://…" no. */
export function safeNext(next: string | undefined | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.startsWith("/login")) return "/";
  return next;
}
