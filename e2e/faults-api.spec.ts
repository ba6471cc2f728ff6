import type { APIRequestContext } from "@playwright/test";
import type { Simulator } from "../tests/support/processes";
import { expect, test, type Control } from "./fixtures";
import { TIMING, TIMING_ENV, metricValue, report, simCount, sleep } from "./faults-support";

/**
 * Every fault the simulated agent can show, through the built dashboard's own API: the answer's
 * status and code are honest, its message is one short sentence a person can act on (never the
 * token, the agent's address or raw upstream text), and it arrives within AGENT_TIMEOUT_MS.
 */
test.use({ dashboardEnv: TIMING_ENV });

type Case = {
  fault: Record<string, unknown>;
  status: number;
  code: string;
  message: RegExp;
  logged?: { fault: string; status: number | null };
};

const CASES: Case[] = [
  {
    fault: { kind: "refuse", ms: 3000 },
    status: 503,
    code: "agent_unreachable",
    message: /^Cannot reach the agent: the connection was refused/,
  },
  {
    fault: { kind: "hang" },
    status: 504,
    code: "agent_timeout",
    message: /^The agent did not answer within 1500 ms$/,
    logged: { fault: "hang", status: null },
  },
  {
    fault: { kind: "latency", ms: 4000 },
    status: 504,
    code: "agent_timeout",
    message: /^The agent did not answer within 1500 ms$/,
  },
  {
    fault: { kind: "http500" },
    status: 502,
    code: "agent_bad_response",
    message: /^The agent answered HTTP 500 when asked for its job runs$/,
    logged: { fault: "http500", status: 500 },
  },
  {
    fault: { kind: "html" },
    status: 502,
    code: "agent_bad_response",
    message: /^The agent answered with data this dashboard cannot read: an HTML page instead of JSON/,
    logged: { fault: "html", status: 200 },
  },
  {
    fault: { kind: "html", status: 500 },
    status: 502,
    code: "agent_bad_response",
    message: /^The agent answered HTTP 500/,
    logged: { fault: "html", status: 500 },
  },
  {
    fault: { kind: "truncated" },
    status: 502,
    code: "agent_bad_response",
    message: /^The agent answered with data this dashboard cannot read: the JSON is malformed or cut off$/,
    logged: { fault: "truncated", status: 200 },
  },
  {
    fault: { kind: "wrong-types" },
    status: 502,
    code: "agent_bad_response",
    message:
      /^The agent answered with data this dashboard cannot read: runs\[0\]\.run_id expected number, received string \(and \d+ more problems\)$/,
    logged: { fault: "wrong-types", status: 200 },
  },
  {
    fault: { kind: "empty" },
    status: 502,
    code: "agent_bad_response",
    message: /^The agent answered with data this dashboard cannot read: an empty body instead of JSON$/,
    logged: { fault: "empty", status: 200 },
  },
];

/** 40 MiB take a while to stream on a busy machine: checked against a longer deadline of its own. */
const OVERSIZED: Case = {
  fault: { kind: "oversized" },
  status: 502,
  code: "agent_bad_response",
  message: /^The agent's answer is larger than 32 MB; the dashboard stopped reading it$/,
  logged: { fault: "oversized", status: 200 },
};
const OVERSIZED_TIMEOUT_MS = 10_000;

/** Margin for process scheduling on a busy 2-core machine; the deadline itself is AGENT_TIMEOUT_MS. */
const MARGIN_MS = 1000;

type Fixtures = { request: APIRequestContext; sim: Simulator; control: Control };

/**
 * One fault, then the runs through the dashboard as a viewer polls them, until the fault shows;
 * returns the matrix row. Reads answer from the collector's snapshot, so the fault shows at the
 * collector's next poll: within one POLL_INTERVAL_MS plus that poll's own deadline.
 */
async function checkFault({ request, sim, control }: Fixtures, c: Case, timeoutMs: number): Promise<string> {
  await expect.poll(async () => (await request.get("/api/agents/local/runs")).status(), { timeout: 15_000 }).toBe(200);
  await control.clearRequests();
  await control.fault(c.fault);

  const started = performance.now();
  let res = await request.get("/api/agents/local/runs");
  while (res.status() === 200 && performance.now() - started < TIMING.POLL_INTERVAL_MS + timeoutMs + 5000) {
    await sleep(50);
    res = await request.get("/api/agents/local/runs");
  }
  const elapsed = Math.round(performance.now() - started);
  const text = await res.text();
  const body = JSON.parse(text) as { error: { code: string; message: string } };

  expect(res.status()).toBe(c.status);
  expect(body.error.code).toBe(c.code);
  expect(body.error.message).toMatch(c.message);
  expect(body.error.message.length).toBeLessThan(200);
  expect(res.headers()["cache-control"]).toBe("no-store");
  for (const token of await control.tokens()) expect(text).not.toContain(token);
  expect(text).not.toContain(String(sim.port));
  expect(text).not.toMatch(/<html|internal error|Padding/i);
  expect(elapsed).toBeLessThanOrEqual(TIMING.POLL_INTERVAL_MS + timeoutMs + MARGIN_MS);

  // The simulator did what its README says for this fault.
  if (c.logged) {
    const runs = (await control.requests()).filter((r) => r.path === "/api/v3/runs") as {
      fault?: string;
      status: number | null;
    }[];
    expect(runs.at(-1)).toMatchObject(c.logged);
  }
  await control.clearFaults();
  return `${JSON.stringify(c.fault)} → ${res.status()} ${body.error.code} in ${elapsed} ms: ${body.error.message}`;
}

test("each agent fault answers an honest status, code and short message within AGENT_TIMEOUT_MS", async ({
  request,
  sim,
  control,
}) => {
  test.setTimeout(120_000);
  const matrix: string[] = [];
  for (const c of CASES) {
    await test.step(JSON.stringify(c.fault), async () => {
      matrix.push(await checkFault({ request, sim, control }, c, TIMING.AGENT_TIMEOUT_MS));
    });
  }
  report("fault matrix (GET /api/agents/local/runs)", `\n  ${matrix.join("\n  ")}`);

  // Latency below the deadline is only a delay: the polls arrive late and the data keeps coming.
  await expect.poll(async () => (await request.get("/api/agents/local/runs")).status(), { timeout: 15_000 }).toBe(200);
  await control.fault({ kind: "latency", ms: 700 });
  await control.clearRequests();
  for (let i = 0; i < 6; i++) {
    const slow = await request.get("/api/agents/local/runs");
    expect(slow.status()).toBe(200);
    expect(((await slow.json()) as unknown[]).length).toBe(25);
    await sleep(300);
  }
  expect(
    (await control.requests()).filter((r) => r.path === "/api/v3/runs").length,
    "the collector kept polling",
  ).toBeGreaterThanOrEqual(2);
});

test.describe("an oversized answer", () => {
  test.use({ dashboardEnv: { ...TIMING_ENV, AGENT_TIMEOUT_MS: String(OVERSIZED_TIMEOUT_MS) } });
  test("is cut at 32 MB: 502 with a short message, within AGENT_TIMEOUT_MS", async ({ request, sim, control }) => {
    report(
      "fault matrix (GET /api/agents/local/runs)",
      await checkFault({ request, sim, control }, OVERSIZED, OVERSIZED_TIMEOUT_MS),
    );
  });
});

/** 20 viewers polling as fast as they can for `ms`, through the dashboard. */
async function pollers(baseURL: string, ms: number): Promise<number> {
  const until = Date.now() + ms;
  let answers = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (Date.now() < until) {
        await fetch(`${baseURL}/api/agents/local/runs`).then((r) => r.arrayBuffer());
        answers++;
      }
    }),
  );
  return answers;
}

const WINDOW_MS = 5000;
/** At most one attempt per POLL_INTERVAL_MS, plus the one in flight when the window opens. */
const MAX_ATTEMPTS = Math.ceil(WINDOW_MS / TIMING.POLL_INTERVAL_MS) + 1;

for (const kind of ["http500", "hang"] as const) {
  test(`a failing agent (${kind}) gets at most one attempt per poll interval from 20 pollers`, async ({
    dashboard,
    sim,
    control,
  }) => {
    await control.fault({ kind, paths: ["/api/v3/runs"] });
    await sleep(TIMING.POLL_INTERVAL_MS + 100);
    await control.clearRequests();
    const answers = await pollers(dashboard.url, WINDOW_MS);
    const attempts = await simCount(sim, "GET /api/v3/runs");
    report(
      `upstream attempts under ${kind}`,
      `${attempts} in ${WINDOW_MS} ms for ${answers} answers to 20 pollers (limit ${MAX_ATTEMPTS})`,
    );
    // Every poller was answered, repeatedly where the fault allows it…
    expect(answers).toBeGreaterThanOrEqual(20);
    expect(attempts).toBeLessThanOrEqual(MAX_ATTEMPTS);
    // …and the dashboard kept retrying (a hang holds each attempt for AGENT_TIMEOUT_MS).
    expect(attempts).toBeGreaterThanOrEqual(2);
  });
}

test("a refusing agent gets at most one attempt per poll interval from 20 pollers (counted by the dashboard's metrics)", async ({
  dashboard,
  control,
  request,
}) => {
  const attemptsSoFar = async () => {
    const text = await (await request.get("/api/metrics")).text();
    return metricValue(text, "agentdeck_upstream_request_duration_seconds_count", {
      agent: "local",
      resource: "runs",
      outcome: "agent_unreachable",
    });
  };
  await expect.poll(async () => (await request.get("/api/agents/local/runs")).status()).toBe(200);
  await control.fault({ kind: "refuse", ms: WINDOW_MS + 3000 });
  await sleep(TIMING.POLL_INTERVAL_MS + 100);
  const before = await attemptsSoFar();
  const answers = await pollers(dashboard.url, WINDOW_MS);
  const attempts = (await attemptsSoFar()) - before;
  const errors = metricValue(await (await request.get("/api/metrics")).text(), "agentdeck_upstream_errors_total", {
    agent: "local",
    code: "agent_unreachable",
  });
  report(
    "upstream attempts under refuse",
    `${attempts} in ${WINDOW_MS} ms for ${answers} answers to 20 pollers (limit ${MAX_ATTEMPTS}); agentdeck_upstream_errors_total{code="agent_unreachable"} = ${errors}`,
  );
  expect(answers).toBeGreaterThanOrEqual(20);
  // The scrape after the window may itself make one attempt; it is counted too.
  expect(attempts).toBeLessThanOrEqual(MAX_ATTEMPTS + 1);
  expect(attempts).toBeGreaterThanOrEqual(2);
  expect(errors).toBeGreaterThanOrEqual(attempts);
});
