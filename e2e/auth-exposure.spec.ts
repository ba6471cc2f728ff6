import { spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "../tests/support/processes";
import { expect, test } from "./fixtures";
import { ownNonLoopbackAddress, raw } from "./security-support";

/**
 * Without DASHBOARD_PASSWORD only this machine is answered, however the server was started. Next's
 * standalone server (the documented service setup) binds 0.0.0.0 unless HOSTNAME is set, whatever
 * HOST says; a client elsewhere can then send `Host: 127.0.0.1:PORT` and a matching Origin.
 */
const ADDRESS = ownNonLoopbackAddress();
const ROOT = path.resolve(__dirname, "..");
const STANDALONE = path.join(ROOT, ".next", "standalone");

/** Starts a server process and collects its output; `stop` ends it and waits. */
function serve(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const stop = () => {
    child.kill("SIGTERM");
    return new Promise((r) => child.once("exit", r));
  };
  return { output: () => output, stop };
}

test("the standalone server started as documented answers other machines 403, this one normally", async ({ sim, control }) => {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: "127.0.0.1", PORT: String(port), AGENT_URL: sim.url, AGENT_NAME: "Office PC" };
  delete env.HOSTNAME;
  delete env.DASHBOARD_PASSWORD;
  const server = serve(["server.js"], STANDALONE, env);
  try {
    // Booted: instrumentation has logged (Next says "Ready" a moment earlier).
    await expect.poll(server.output, { timeout: 60_000 }).toMatch(/"event":"boot"/);
    await control.clearRequests();
    // It does listen beyond loopback: the connection to this machine's network address is accepted.
    const spoofed = { Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}`, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" };
    const pause = await raw(port, { address: ADDRESS, method: "PATCH", path: "/api/agents/local/client", headers: spoofed, body: JSON.stringify({ paused: true }) });
    expect(pause.status).toBe(403);
    expect(pause.body).toContain("DASHBOARD_PASSWORD");
    expect(pause.headers["x-content-type-options"]).toBe("nosniff");
    for (const p of ["/api/agents/local/runs", "/agents/local", "/api/metrics"]) {
      expect((await raw(port, { address: ADDRESS, path: p, headers: { Host: `127.0.0.1:${port}` } })).status, p).toBe(403);
    }
    expect(await control.requests(), "nothing reached the agent").toEqual([]);
    expect(server.output().match(/"event":"remote_client_refused"/g), "one warning in the log").toHaveLength(1);

    // This machine is served as usual.
    const local = await raw(port, { path: "/api/agents/local/client" });
    expect(local.status).toBe(200);
    expect(JSON.parse(local.body)).toMatchObject({ paused: false });
  } finally {
    await server.stop();
  }
});

test("requests in the moment before boot finishes are not believed: forged peer headers are sent round again", async ({ sim }) => {
  // Next listens before instrumentation installs the request hook; a forged "I am loopback"
  // header sent in that moment must not pass for the hook's word.
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: "0.0.0.0", PORT: String(port), DASHBOARD_PASSWORD: "early-bird-password", ALLOWED_HOSTS: ADDRESS, AGENT_URL: sim.url };
  const server = serve(["scripts/start.mjs"], ROOT, env);
  const forged = { Host: `${ADDRESS}:${port}`, "X-Agent-Deck-Peer": "127.0.0.1", "X-Agent-Deck-Forwarded": "0", "Content-Type": "application/json", Origin: `http://${ADDRESS}:${port}` };
  const answers: string[] = [];
  try {
    const deadline = Date.now() + 60_000;
    while (answers.filter((a) => a.startsWith("GET 401")).length < 10 && Date.now() < deadline) {
      const burst = await Promise.allSettled([
        ...Array.from({ length: 4 }, () => raw(port, { address: ADDRESS, path: "/api/agents?x=1", headers: forged })),
        raw(port, { address: ADDRESS, method: "PATCH", path: "/api/agents/local/client", headers: forged, body: JSON.stringify({ paused: true }) }),
      ]);
      burst.forEach((r, i) => {
        if (r.status === "fulfilled") answers.push(`${i < 4 ? "GET" : "PATCH"} ${r.value.status} ${r.value.headers.location ?? ""}`.trim());
      });
      if (burst.every((r) => r.status === "rejected")) await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    await server.stop();
  }
  const kinds = new Set(answers);
  const again = `GET 307 http://${ADDRESS}:${port}/api/agents?x=1`;
  expect(answers.filter((a) => a.startsWith("GET 401")).length, "booted, then asked to sign in").toBeGreaterThanOrEqual(10);
  expect([...kinds].some((a) => a === again || a === "PATCH 503"), "the start-up moment was met").toBe(true);
  expect([...kinds].filter((a) => !["GET 401", "PATCH 401", again, "PATCH 503"].includes(a)), "never let in").toEqual([]);
});
