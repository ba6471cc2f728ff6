import { spawn } from "node:child_process";
import path from "node:path";
import { freePort } from "../tests/support/processes";
import { expect, test } from "./fixtures";
import { ownNonLoopbackAddress, raw } from "./security-support";

/**
 * Without DASHBOARD_PASSWORD only this machine is answered, however the server was started. The
 * standalone entry (the documented service setup) binds what HOST says, loopback by default; Next's
 * own generated entry behind it binds 0.0.0.0 unless HOSTNAME is set, and a client elsewhere can
 * then send `Host: 127.0.0.1:PORT` and a matching Origin.
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

test("the standalone server binds loopback unless told otherwise; Next's own entry, on every interface, answers other machines 403", async ({ sim, control }) => {
  const env: NodeJS.ProcessEnv = { ...process.env, AGENT_URL: sim.url, AGENT_NAME: "Office PC" };
  delete env.HOST;
  delete env.HOSTNAME;
  delete env.DASHBOARD_PASSWORD;

  // As documented: `node .next/standalone/server.js` with PORT only. Other machines cannot connect.
  const port = await freePort();
  const documented = serve(["server.js"], STANDALONE, { ...env, PORT: String(port) });
  try {
    await expect.poll(documented.output, { timeout: 60_000 }).toMatch(/"event":"boot"/);
    await expect(raw(port, { address: ADDRESS, path: "/api/agents/local/runs" })).rejects.toThrow(/ECONNREFUSED/);
    expect((await raw(port, { path: "/api/agents/local/client" })).status).toBe(200);
  } finally {
    await documented.stop();
  }

  // Next's generated entry binds 0.0.0.0 when HOSTNAME is unset. The dashboard still answers only
  // this machine, even to a client that names a loopback Host and Origin.
  const nextPort = await freePort();
  const server = serve(["next-server.js"], STANDALONE, { ...env, PORT: String(nextPort) });
  try {
    await expect.poll(server.output, { timeout: 60_000 }).toMatch(/"event":"boot"/);
    await control.clearRequests();
    const spoofed = { Host: `127.0.0.1:${nextPort}`, Origin: `http://127.0.0.1:${nextPort}`, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json" };
    const pause = await raw(nextPort, { address: ADDRESS, method: "PATCH", path: "/api/agents/local/client", headers: spoofed, body: JSON.stringify({ paused: true }) });
    expect(pause.status).toBe(403);
    expect(pause.body).toContain("DASHBOARD_PASSWORD");
    expect(pause.headers["x-content-type-options"]).toBe("nosniff");
    for (const p of ["/api/agents/local/runs", "/agents/local", "/api/metrics"]) {
      expect((await raw(nextPort, { address: ADDRESS, path: p, headers: { Host: `127.0.0.1:${nextPort}` } })).status, p).toBe(403);
    }
    expect(await control.requests(), "nothing reached the agent").toEqual([]);
    expect(server.output().match(/"event":"remote_client_refused"/g), "one warning in the log").toHaveLength(1);

    // This machine is served as usual.
    const local = await raw(nextPort, { path: "/api/agents/local/client" });
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
