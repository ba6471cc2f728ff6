import { raw, type RawResponse } from "./security-support";

/*
 * API tokens over plain HTTP, as scripts and hubs use them: no Origin, no cookie, just the header.
 * Browser-style requests (sessions) carry the same-origin headers the dashboard's pages send.
 */
export type Scope = "read" | "operate" | "admin";

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Headers of the dashboard's own page sending a change (what a session's mutation needs). */
export const sameOrigin = (port: number, cookie?: string) => ({
  "Content-Type": "application/json",
  Origin: `http://127.0.0.1:${port}`,
  "Sec-Fetch-Site": "same-origin",
  ...(cookie ? { Cookie: cookie } : {}),
});

export function json(res: RawResponse): unknown {
  return JSON.parse(res.body) as unknown;
}

/** Signs in with a password from this machine; the session cookie ("name=value"). */
export async function signIn(port: number, password: string): Promise<string> {
  const res = await raw(port, {
    method: "POST",
    path: "/api/session",
    headers: sameOrigin(port),
    body: JSON.stringify({ password }),
  });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${res.body}`);
  const set = res.headers["set-cookie"]?.[0] ?? "";
  return set.split(";")[0] ?? "";
}

/** Makes a token through the API with the given credentials (headers); its id and the token itself. */
export async function makeToken(
  port: number,
  credentials: Record<string, string>,
  name: string,
  scope: Scope,
): Promise<{ id: number; secret: string }> {
  const res = await raw(port, {
    method: "POST",
    path: "/api/tokens",
    headers: { "Content-Type": "application/json", ...credentials },
    body: JSON.stringify({ name, scope }),
  });
  if (res.status !== 201) throw new Error(`make token ${name}: ${res.status} ${res.body}`);
  const body = json(res) as { token: { id: number }; secret: string };
  return { id: body.token.id, secret: body.secret };
}

/** Revokes a token through the API with the given credentials. */
export async function revokeToken(port: number, credentials: Record<string, string>, id: number): Promise<void> {
  const res = await raw(port, { method: "DELETE", path: `/api/tokens/${id}`, headers: credentials });
  if (res.status !== 200) throw new Error(`revoke token ${id}: ${res.status} ${res.body}`);
}
