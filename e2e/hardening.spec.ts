import net from "node:net";
import type { Dashboard } from "../tests/support/processes";
import { expect, test } from "./fixtures";
import { parseExposition, value } from "./support/prom-text";

/*
 * Issue 14, items 1 and 6, against the built server: what reaches the front door
 * (lib/server/front-door.ts) is refused before Next reads a byte of it. The attacks come over raw
 * sockets, because an attacker's client writes its body whether or not anyone reads it, and says
 * whatever Host it likes.
 */

const MB = 1024 * 1024;
const FLOOD = { requests: 120, batch: 30, bytes: 9 * MB };
/** Before the front door, 120 such POSTs took RSS from 198 to 474 MB, and it stayed there. */
const RSS_GROWTH_LIMIT = 60 * MB;
const CHUNK = Buffer.alloc(MB, "a");

type Body = { bytes: number; chunked: boolean };

/** The body's first bytes; the rest follows once the server answered or has had time to. */
const OPENING = 16 * 1024;
const ANSWER_WAIT_MS = 1000;

/**
 * One request on a connection of its own; its body is written a MiB at a time (with backpressure)
 * until it is all sent or the server closes. Resolves with the answer's status (0: none came).
 * After the opening bytes it waits for an answer (up to ANSWER_WAIT_MS) before writing on: a server
 * that closes with bytes unread sends a reset, and TCP on this side then drops an answer not yet
 * read, which would hide a refusal's status. A server that reads bodies first (as Next did for
 * proxy.ts) does not answer early, so it still gets all of them.
 */
function send(port: number, head: string, body?: Body): Promise<number> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    let answer = "";
    let written = 0;
    socket.setTimeout(60_000, () => socket.destroy());
    socket.on("data", (d: Buffer) => {
      if (answer.length < 64) answer += d.toString("latin1");
    });
    // EPIPE or ECONNRESET: the server answered and closed without reading the rest, as it should.
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    /** Writes up to `limit` bytes of the body; false when the socket wants a drain first. */
    const write = (b: Body, limit: number): boolean => {
      let ok = true;
      while (ok && written < limit && !socket.destroyed) {
        const piece = CHUNK.subarray(0, Math.min(CHUNK.length, limit - written));
        written += piece.length;
        if (!b.chunked) {
          ok = socket.write(piece);
          continue;
        }
        socket.write(`${piece.length.toString(16)}\r\n`);
        socket.write(piece);
        ok = socket.write(written === b.bytes ? "\r\n0\r\n\r\n" : "\r\n");
      }
      return ok;
    };
    const pump = (b: Body): void => {
      if (!write(b, b.bytes)) socket.once("drain", () => pump(b));
    };
    socket.on("connect", () => {
      if (!body) return void socket.write(head.replace(/\n/g, "\r\n"));
      // Head and opening in one write, so the server's first read takes both and leaves none unread.
      socket.cork();
      socket.write(head.replace(/\n/g, "\r\n"));
      write(body, Math.min(OPENING, body.bytes));
      socket.uncork();
      const timer = setTimeout(() => pump(body), ANSWER_WAIT_MS);
      socket.once("data", () => {
        clearTimeout(timer);
        pump(body);
      });
    });
  });
}

/** A JSON POST with `body`, its length declared or chunked. */
function post(port: number, path: string, host: string, body: Body): Promise<number> {
  const length = body.chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${body.bytes}`;
  return send(
    port,
    `POST ${path} HTTP/1.1\nHost: ${host}\nContent-Type: application/json\n${length}\nConnection: close\n\n`,
    body,
  );
}

/** The server's own resident memory, as it reports it (the launcher's is not the server's). */
async function serverRss(dashboard: Dashboard): Promise<number> {
  const res = await fetch(`${dashboard.url}/api/metrics`);
  expect(res.status).toBe(200);
  return value(parseExposition(await res.text()), "process_resident_memory_bytes");
}

async function warmUp(dashboard: Dashboard): Promise<void> {
  // Every route the flood aims at is loaded once, so module loading does not count as growth.
  const good = `127.0.0.1:${dashboard.port}`;
  for (const path of ["/api/session", "/agents/local"])
    await post(dashboard.port, path, good, { bytes: 2, chunked: false });
  await fetch(`${dashboard.url}/agents/local`);
  await serverRss(dashboard);
}

test("a flood of 9 MB bodies, foreign Host or not, is refused unread and leaves RSS where it was", async ({
  dashboard,
}) => {
  test.setTimeout(180_000);
  await warmUp(dashboard);
  const before = await serverRss(dashboard);
  const good = `127.0.0.1:${dashboard.port}`;
  // A foreign Host is 421 (DNS rebinding is refused whatever it sends), ours 413 (by length alone).
  // Before the front door, Next copied each body for proxy.ts before any of these checks ran.
  const kinds = [
    { path: "/api/session", host: "evil.example", status: 421 },
    { path: "/agents/local", host: "evil.example", status: 421 },
    { path: "/api/session", host: good, status: 413 },
    { path: "/agents/local", host: good, status: 413 },
  ];
  const statuses: Record<string, number[]> = {};
  for (let i = 0; i < FLOOD.requests; i += FLOOD.batch) {
    await Promise.all(
      Array.from({ length: FLOOD.batch }, async (_, j) => {
        const kind = kinds[(i + j) % kinds.length]!;
        const status = await post(dashboard.port, kind.path, kind.host, { bytes: FLOOD.bytes, chunked: false });
        (statuses[`${kind.host} ${kind.path} → ${kind.status}`] ??= []).push(status);
      }),
    );
  }
  // Without a declared length the size is unknown until read: refused as such (411), not read to
  // see (before, Next buffered it, up to its 10 MB copy limit, before any check of ours ran).
  const chunked = await Promise.all(
    Array.from({ length: 10 }, () => post(dashboard.port, "/api/session", good, { bytes: FLOOD.bytes, chunked: true })),
  );
  const after = await serverRss(dashboard);
  const growth = after - before;
  console.log(
    `flood: RSS ${(before / MB).toFixed(0)} MB → ${(after / MB).toFixed(0)} MB (${(growth / MB).toFixed(1)} MB)`,
  );

  for (const [what, got] of Object.entries(statuses)) {
    const want = Number(what.slice(-3));
    expect(got, what).toHaveLength(FLOOD.requests / kinds.length);
    expect(
      got.filter((s) => s !== want),
      what,
    ).toEqual([]);
  }
  expect(
    chunked.filter((s) => s !== 411),
    "chunked 9 MB → 411",
  ).toEqual([]);
  expect(growth, "RSS growth over the flood").toBeLessThan(RSS_GROWTH_LIMIT);
  // The server is still itself.
  expect((await fetch(`${dashboard.url}/api/health`)).status).toBe(200);
});

/** `count` requests, `concurrency` at a time; returns how many got each status. */
async function many(
  count: number,
  concurrency: number,
  make: (i: number) => Promise<number>,
): Promise<Record<number, number>> {
  const tally: Record<number, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const status = await make(next++);
      tally[status] = (tally[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return tally;
}

test("TRACE and other odd methods get 405 (421 for a foreign Host) before Next, and leave the log alone", async ({
  dashboard,
}) => {
  test.setTimeout(120_000);
  const port = dashboard.port;
  const good = `127.0.0.1:${port}`;
  const paths = ["/", "/agents/local", "/api/health", "/api/agents/local/runs", "/no/such/page"];
  const head = (method: string, host: string, path: string) =>
    `${method} ${path} HTTP/1.1\nHost: ${host}\nConnection: close\n\n`;
  await fetch(`${dashboard.url}/api/health`);
  const logBefore = dashboard.output().length;

  // TRACE used to reach Next, which answered 500 and logged a stack trace each time (2,000: 768 KB).
  const traced = await many(2000, 20, (i) => send(port, head("TRACE", good, paths[i % paths.length]!)));
  const foreign = await many(500, 20, (i) => send(port, head("TRACE", "evil.example", paths[i % paths.length]!)));
  // Methods Node's parser knows but the dashboard does not serve; the Host check still comes first.
  const odd = ["PROPFIND", "MKCOL", "PURGE", "LINK", "SEARCH"];
  const oddGood = await many(odd.length * 20, 10, (i) =>
    send(port, head(odd[i % odd.length]!, good, paths[i % paths.length]!)),
  );
  const oddForeign = await many(odd.length * 4, 10, (i) => send(port, head(odd[i % odd.length]!, "evil.example", "/")));
  const logged = dashboard.output().slice(logBefore);

  expect(traced, "TRACE, our Host").toEqual({ 405: 2000 });
  expect(foreign, "TRACE, foreign Host").toEqual({ 421: 500 });
  expect(oddGood, "odd methods, our Host").toEqual({ 405: odd.length * 20 });
  expect(oddForeign, "odd methods, foreign Host").toEqual({ 421: odd.length * 4 });
  expect(logged, "no stack trace").not.toMatch(/\n\s+at /);
  expect(logged.length, `log output during 2,620 refusals: ${JSON.stringify(logged.slice(0, 300))}`).toBeLessThan(500);
});
