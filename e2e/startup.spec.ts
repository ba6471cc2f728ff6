import { freePort, startDashboard, startSimulator } from "../tests/support/processes";
import { expect, test } from "@playwright/test";
import { parseExposition, value } from "./support/prom-text";
import { oneConfigLine, startExpectingExit } from "./support/refusal";

// The production server (built by `npm test` before this suite) refuses to serve on bad settings.
for (const [env, line] of [
  [
    { AGENT_TIMEOUT_MS: "abc" },
    'agent-deck: invalid configuration: AGENT_TIMEOUT_MS must be a whole number of milliseconds between 100 and 120000 (got "abc")',
  ],
  [
    { HOST: "0.0.0.0" },
    'agent-deck: invalid configuration: HOST is "0.0.0.0", which serves beyond this machine: set DASHBOARD_PASSWORD as well, or use HOST=127.0.0.1',
  ],
  [{ AGENT_URL: "ftp://nowhere" }, "agent-deck: invalid configuration: AGENT_URL"],
  [
    { LOOPBACK_TRUSTED: "ture" },
    'agent-deck: invalid configuration: LOOPBACK_TRUSTED must be "true" or "false" (got "ture")',
  ],
  [
    { DASHBOARD_PASSWORD: "long-enough-password", DATA_DIR: "/dev/null/deck" },
    'agent-deck: invalid configuration: DATA_DIR: the session registry "/dev/null/deck/sessions.json" cannot be read (ENOTDIR)',
  ],
  [
    { HEAP_LIMIT_MB: "lots" },
    'agent-deck: invalid configuration: HEAP_LIMIT_MB must be a whole number of megabytes between 128 and 65536 (got "lots")',
  ],
] as const) {
  test(`npm start stops with one line on ${Object.keys(env).join(", ")}`, async () => {
    const port = await freePort();
    const r = await startExpectingExit({ ...env, PORT: String(port) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(line);
    // One line naming the setting, no stack trace.
    expect(oneConfigLine(r.stderr)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
}

/** The heap limit the running server reports in its metrics, in MB. */
async function heapLimitMb(url: string): Promise<number> {
  const exposition = parseExposition(await (await fetch(`${url}/api/metrics`)).text());
  return value(exposition, "agentdeck_heap_size_limit_bytes") / 1024 / 1024;
}

test("npm start caps the server's heap: 512 MB by default, HEAP_LIMIT_MB to change it, NODE_OPTIONS wins", async () => {
  const sim = await startSimulator([]);
  try {
    // V8 adds its young generation (a few tens of MB) to the old-space size the flag sets.
    for (const [env, oldSpaceMb] of [
      [{}, 512],
      [{ HEAP_LIMIT_MB: "300" }, 300],
      [{ NODE_OPTIONS: "--max-old-space-size=200" }, 200],
    ] as const) {
      const dash = await startDashboard({ AGENT_URL: sim.url, ...env });
      try {
        const limit = await heapLimitMb(dash.url);
        expect(limit, JSON.stringify(env)).toBeGreaterThanOrEqual(oldSpaceMb);
        expect(limit, JSON.stringify(env)).toBeLessThan(oldSpaceMb + 100);
      } finally {
        await dash.stop();
      }
    }
  } finally {
    await sim.stop();
  }
});
