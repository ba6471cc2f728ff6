import type { Simulator } from "../support/processes";

/** The error code behind a failed fetch (undici wraps it in `cause`), e.g. "ECONNREFUSED". */
export function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let depth = 0; depth < 5 && cur && typeof cur === "object"; depth++) {
    if ("code" in cur && typeof cur.code === "string") return cur.code;
    cur = "cause" in cur ? cur.cause : undefined;
  }
  return undefined;
}

export async function getToken(sim: Simulator): Promise<string> {
  const res = await fetch(`${sim.url}/api/v3/token`);
  const body = (await res.json()) as { token: string };
  return body.token;
}

/** Calls the agent; `token` is appended as ?token= when given. */
export function agent(sim: Simulator, path: string, token?: string, init?: RequestInit): Promise<Response> {
  const url = new URL(path, sim.url);
  if (token !== undefined) url.searchParams.set("token", token);
  return fetch(url, init);
}

export async function control<T = unknown>(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(sim.controlUrl + path, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Polls `probe` until it returns a value (not undefined) or the deadline passes. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 5000,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
