import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/server/errors";
import { UPSTREAM_BUDGET_BYTES, UPSTREAM_CONCURRENCY, upstreamBudget } from "@/lib/server/upstream-budget";
import { upstreamRequest } from "@/lib/server/upstream-http";

/**
 * The budget shared by every exchange with every agent (issue 14, item 7): a plain node:http server
 * plays many agents at once. `/hold` answers only when the test lets it, counting how many requests
 * it holds at once; `/big` streams a 30 MB answer (under the 32 MB cap on one answer) slowly enough
 * that several are being read at the same time.
 */
const MB = 1024 * 1024;
let server: http.Server;
let base: string;
let holding = 0;
let mostHeld = 0;
let held: http.ServerResponse[] = [];
const received: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    received.push(req.url ?? "");
    if (req.url?.startsWith("/hold")) {
      holding++;
      mostHeld = Math.max(mostHeld, holding);
      held.push(res);
      res.on("close", () => holding--);
      return;
    }
    if (req.url?.startsWith("/big")) {
      res.writeHead(200, { "Content-Type": "application/json" });
      const chunk = Buffer.alloc(MB, 0x20);
      let sent = 0;
      const timer = setInterval(() => {
        if (sent++ >= 30 || res.destroyed) {
          clearInterval(timer);
          res.end();
          return;
        }
        res.write(chunk);
      }, 10);
      res.on("close", () => clearInterval(timer));
      return;
    }
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = (path: string, timeoutMs = 10_000) =>
  upstreamRequest({ method: "GET", url: new URL(base + path), timeoutMs });
const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

async function until(check: () => boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 5000; !check(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

describe("the budget shared by all exchanges with agents", () => {
  it(`holds at most ${UPSTREAM_CONCURRENCY} exchanges in flight; the rest wait their turn and are answered`, async () => {
    const extra = 4;
    const all = Array.from({ length: UPSTREAM_CONCURRENCY + extra }, (_, i) => settle(get(`/hold/${i}`)));
    await until(() => holding === UPSTREAM_CONCURRENCY, "the first exchanges to arrive");
    // Time for any exchange beyond the limit to have arrived, were it let through.
    await new Promise((r) => setTimeout(r, 200));
    expect(holding).toBe(UPSTREAM_CONCURRENCY);
    expect(upstreamBudget().usage()).toMatchObject({ inFlight: UPSTREAM_CONCURRENCY, queued: extra });
    // Answering frees slots one by one; the waiting exchanges go out in the order they came.
    for (let answered = 0; answered < all.length; answered++) {
      await until(() => held.length > 0, "an exchange to answer");
      held.shift()!.end("{}");
    }
    const results = await Promise.all(all);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(mostHeld).toBe(UPSTREAM_CONCURRENCY);
    expect(received.filter((u) => u.startsWith("/hold/")).slice(UPSTREAM_CONCURRENCY)).toEqual(
      Array.from({ length: extra }, (_, i) => `/hold/${UPSTREAM_CONCURRENCY + i}`),
    );
    expect(upstreamBudget().usage()).toMatchObject({ inFlight: 0, queued: 0, heldBytes: 0 });
  });

  it("an exchange that waits past its deadline fails with a timeout saying why, and never reaches the agent", async () => {
    held = [];
    const blockers = Array.from({ length: UPSTREAM_CONCURRENCY }, (_, i) => settle(get(`/hold/block-${i}`)));
    await until(() => holding === UPSTREAM_CONCURRENCY, "the slots to fill");
    const started = performance.now();
    const late = await settle(get("/hold/late", 300));
    const waited = performance.now() - started;
    expect(late.ok).toBe(false);
    const error = !late.ok ? late.error : undefined;
    expect(isAppError(error) && [error.code, error.message]).toEqual([
      "agent_timeout",
      `The agent was not asked: the dashboard's ${UPSTREAM_CONCURRENCY} connections to agents stayed busy for 300 ms`,
    ]);
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(received).not.toContain("/hold/late");
    for (const res of held.splice(0)) res.end("{}");
    await Promise.all(blockers);
    expect(upstreamBudget().usage()).toMatchObject({ inFlight: 0, queued: 0 });
  });

  it(`holds at most ${UPSTREAM_BUDGET_BYTES / MB} MB of answers at once: the exchange that would cross it stops, the others finish`, async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, (_, i) => settle(get(`/big/${i}`))));
    const done = answers.filter((a) => a.ok);
    const stopped = answers.flatMap((a) => (a.ok ? [] : [a.error]));
    // Four answers of 30 MB read together are 120 MB: three fit in 96 MB, so at least one stops.
    expect(stopped.length).toBeGreaterThanOrEqual(1);
    expect(done.length).toBeGreaterThanOrEqual(1);
    for (const a of done) expect(a.value.body.length).toBe(30 * MB);
    for (const e of stopped) {
      expect(isAppError(e) && [e.code, e.message]).toEqual([
        "agent_bad_response",
        `The agents' answers in progress would exceed the dashboard's budget of ${UPSTREAM_BUDGET_BYTES / MB} MB; this answer was stopped`,
      ]);
    }
    const usage = upstreamBudget().usage();
    expect(usage.peakHeldBytes).toBeLessThanOrEqual(UPSTREAM_BUDGET_BYTES);
    expect(usage.peakHeldBytes).toBeGreaterThan(60 * MB);
    expect(usage.heldBytes).toBe(0);
  });
});
