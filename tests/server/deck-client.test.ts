import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { isAppError, type AppError } from "@/lib/server/errors";
import { DeckClient } from "@/lib/server/remote/deck-client";
import { freePort } from "../support/processes";

/**
 * A hub's client of another Agent Deck against a real loopback server playing that deck: what the
 * hub sends (its token, an Origin only where a tokenless change needs one), and each refusal in the
 * hub's own words, never repeating the deck's address or token. TLS with a private certificate:
 * refused untrusted, accepted with `ca`. The certificate is made here with openssl.
 */
const TOKEN = `adk_${"k".repeat(43)}`;
type Seen = { method?: string; url?: string; authorization?: string; origin?: string; body: string };
let seen: Seen = { body: "" };
let answer: (res: http.ServerResponse) => void = (res) => res.end();
const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    seen = {
      method: req.method,
      url: req.url,
      authorization: req.headers.authorization,
      origin: req.headers.origin,
      body,
    };
    answer(res);
  });
};
const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  (res: http.ServerResponse) => {
    res.writeHead(status, { "Content-Type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
const envelope = (code: string, message: string) => ({ error: { code, message } });

let server: http.Server;
let tls: https.Server;
let base: string;
let tlsBase: string;
let certDir: string;
let cert: string;

beforeAll(async () => {
  server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  certDir = mkdtempSync(path.join(tmpdir(), "agent-deck-tls-"));
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
      "-keyout",
      path.join(certDir, "key.pem"),
      "-out",
      path.join(certDir, "cert.pem"),
    ],
    { stdio: "ignore" },
  );
  cert = readFileSync(path.join(certDir, "cert.pem"), "utf8");
  tls = https.createServer({ key: readFileSync(path.join(certDir, "key.pem")), cert }, handler);
  await new Promise<void>((r) => tls.listen(0, "127.0.0.1", r));
  tlsBase = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.close();
  tls?.close();
  rmSync(certDir, { recursive: true, force: true });
});

/** `token` null: a deck open on loopback, no token. */
const client = (url = base, token: string | null = TOKEN, ca?: string) =>
  new DeckClient(
    "pc2",
    { url, agent: "local", ...(token ? { token } : {}), ...(ca ? { ca } : {}) },
    { timeoutMs: 2000 },
  );
const Ok = z.object({ ok: z.literal(true) });
async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    if (isAppError(err)) return err;
    throw err;
  }
  throw new Error("expected a failure");
}
const get = (c: DeckClient) => c.call({ resource: "deck_snapshot", method: "GET", path: "/snapshot" }, Ok);
const change = (c: DeckClient) =>
  c.call({ resource: "pause", method: "PATCH", path: "/client", body: { paused: true } }, Ok);
const leaks = (e: AppError) => [base, tlsBase, TOKEN, "127.0.0.1"].filter((s) => e.message.includes(s));

describe("a hub's client of another Agent Deck", () => {
  it("asks under the agent's path with its token; a change without a token carries the deck's own Origin", async () => {
    answer = json(200, { ok: true });
    await get(client());
    expect(seen).toMatchObject({ method: "GET", url: "/api/agents/local/snapshot", authorization: `Bearer ${TOKEN}` });
    expect(seen.origin).toBeUndefined();
    await change(client());
    expect(seen).toMatchObject({ method: "PATCH", url: "/api/agents/local/client", body: '{"paused":true}' });
    expect(seen.origin).toBeUndefined();
    await change(client(base, null));
    expect(seen.authorization).toBeUndefined();
    expect(seen.origin).toBe(base);
  });

  it("reads a gzipped answer, and names what it cannot read", async () => {
    answer = (res) => {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
      res.end(gzipSync(JSON.stringify({ ok: true })));
    };
    expect(await get(client())).toEqual({ ok: true });
    answer = (res) => {
      res.writeHead(200, { "Content-Type": "text/html" });
      res.end("<html>login</html>");
    };
    expect(await failure(get(client()))).toMatchObject({
      code: "deck_bad_response",
      message: expect.stringContaining("other than JSON"),
    });
    answer = json(200, { ok: "yes" });
    expect((await failure(get(client()))).message).toMatch(/cannot read: answer\.ok/);
  });

  it.each([
    [401, {}, envelope("unauthorized", "x"), "deck_refused", /refused this hub's API token: it is revoked/],
    [
      403,
      { "WWW-Authenticate": 'Bearer realm="Agent Deck", error="insufficient_scope", scope="operate"' },
      envelope("forbidden", "x"),
      "forbidden",
      /has the read scope/,
    ],
    [
      404,
      {},
      envelope("not_found", 'No agent with id "local" is configured'),
      "deck_bad_response",
      /has no agent with the id this hub asks for/,
    ],
    [
      421,
      {},
      envelope("host_not_allowed", `This dashboard does not answer to 127.0.0.1:${1}`),
      "deck_refused",
      /add that name to its ALLOWED_HOSTS/,
    ],
    [429, { "Retry-After": "30" }, envelope("too_many_requests", "x"), "deck_refused", /too many failed attempts/],
    [500, {}, "oops", "deck_bad_response", /answered HTTP 500 when asked for a change to the agent/],
  ] as [number, Record<string, string>, unknown, string, RegExp][])(
    "HTTP %i from the deck is %s in the hub's own words",
    async (status, headers, body, code, words) => {
      answer = json(status, body, headers);
      const e = await failure(change(client()));
      expect(e.code).toBe(code);
      expect(e.message).toMatch(words);
      expect(leaks(e)).toEqual([]);
    },
  );

  it("passes on what the deck says of its agent (the agent is down, the deck is not)", async () => {
    answer = json(503, envelope("agent_unreachable", "Cannot reach the agent: the connection was refused"));
    expect(await failure(change(client()))).toMatchObject({
      code: "agent_unreachable",
      message: "Cannot reach the agent: the connection was refused",
    });
  });

  it("without a token, a deck that wants sign-in says to give the hub one", async () => {
    answer = json(401, envelope("unauthorized", "Sign in first"));
    expect((await failure(get(client(base, null)))).message).toMatch(/requires sign-in: give this hub an API token/);
  });

  it("a deck that is not there is deck_unreachable, not the agent", async () => {
    const gone = `http://127.0.0.1:${await freePort()}`;
    const e = await failure(get(client(gone)));
    expect(e).toMatchObject({
      code: "deck_unreachable",
      message:
        "Cannot reach the Agent Deck that watches this agent: the connection was refused; is that dashboard running?",
    });
  });

  it("https with a private certificate: refused as untrusted, accepted with ca", async () => {
    answer = json(200, { ok: true });
    const untrusted = await failure(get(client(tlsBase)));
    expect(untrusted.code).toBe("deck_unreachable");
    expect(untrusted.message).toMatch(/TLS certificate is not trusted \(give its certificate as ca in AGENTS_FILE\)/);
    expect(leaks(untrusted)).toEqual([]);
    expect(await get(client(tlsBase, TOKEN, cert))).toEqual({ ok: true });
    expect(seen.authorization).toBe(`Bearer ${TOKEN}`);
  });
});
