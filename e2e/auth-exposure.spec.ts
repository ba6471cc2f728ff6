import path from "node:path";
import { plans, type LaunchPlan } from "../scripts/lib/launch-plans.cjs";
import { spawnNode, stopChild } from "../scripts/lib/spawn-node.cjs";
import { freePort } from "../tests/support/processes";
import { expect, test } from "./fixtures";
import { ownNonLoopbackAddress, raw } from "./security-support";

/**
 * Without DASHBOARD_PASSWORD only this machine is answered, however the server was started. The
 * standalone entry (ours; the documented service setup) binds what HOST (or HOSTNAME) says, loopback
 * by default, and refuses a wider address without a password; started without our entry, nothing
 * is served, whatever Host and Origin a client elsewhere sends.
 */
const ADDRESS = ownNonLoopbackAddress();
const ROOT = path.resolve(__dirname, "..");
const STANDALONE = path.join(ROOT, ".next", "standalone");

/** Starts a server process and collects its output; `stop` ends it (closing its channel) and waits. */
function serve(plan: LaunchPlan, cwd: string, env: NodeJS.ProcessEnv) {
  const child = spawnNode(plan, { cwd, env });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const stop = async () => {
    await stopChild(child);
    return exited;
  };
  return { output: () => output, stop, exited };
}

test("the standalone server binds loopback unless told otherwise; a wider address needs a password, and without our entry nothing is served", async ({
  sim,
  control,
}) => {
  const env: NodeJS.ProcessEnv = { ...process.env, AGENT_URL: sim.url, AGENT_NAME: "Office PC" };
  delete env.HOST;
  delete env.HOSTNAME;
  delete env.DASHBOARD_PASSWORD;

  // As documented: `node .next/standalone/server.js` with PORT only. Other machines cannot connect.
  const port = await freePort();
  const documented = serve(plans.standalone(), STANDALONE, { ...env, PORT: String(port) });
  try {
    await expect.poll(documented.output, { timeout: 60_000 }).toMatch(/Ready in/);
    await expect(raw(port, { address: ADDRESS, path: "/api/agents/local/runs" })).rejects.toThrow(/ECONNREFUSED/);
    expect((await raw(port, { path: "/api/agents/local/client" })).status).toBe(200);
  } finally {
    await documented.stop();
  }

  // HOSTNAME is the variable Next's own standalone server read (binding 0.0.0.0 by default); ours
  // reads it too, so it cannot open every interface behind the password check's back.
  const wide = serve(plans.standalone(), STANDALONE, { ...env, HOSTNAME: "0.0.0.0", PORT: String(await freePort()) });
  expect(await wide.exited).toBe(1);
  expect(wide.output()).toMatch(/HOST is "0\.0\.0\.0", which serves beyond this machine/);

  // Started without our entry (`next start`, on every interface): nothing is served at all, since
  // nobody checked the request before Next (the front door is what knows the peer address).
  const nextPort = await freePort();
  const server = serve(plans.nextStart(["-H", "0.0.0.0", "-p", String(nextPort)]), ROOT, {
    ...env,
    PORT: String(nextPort),
  });
  try {
    await expect.poll(server.output, { timeout: 60_000 }).toMatch(/"event":"no_entry"/);
    await control.clearRequests();
    const spoofed = {
      Host: `127.0.0.1:${nextPort}`,
      Origin: `http://127.0.0.1:${nextPort}`,
      "Sec-Fetch-Site": "same-origin",
      "Content-Type": "application/json",
    };
    const pause = await raw(nextPort, {
      address: ADDRESS,
      method: "PATCH",
      path: "/api/agents/local/client",
      headers: spoofed,
      body: JSON.stringify({ paused: true }),
    });
    expect(pause.status).toBe(500);
    expect(pause.body).toContain("npm start");
    for (const p of ["/api/agents/local/runs", "/agents/local", "/api/metrics"]) {
      const answer = await raw(nextPort, { address: ADDRESS, path: p, headers: { Host: `127.0.0.1:${nextPort}` } });
      expect(answer.status, p).toBe(500);
      expect(answer.body, p).not.toContain("Office PC");
    }
    expect(await control.changes(), "no change reached the agent").toEqual([]);
  } finally {
    await server.stop();
  }
});

test("the first request the moment the port opens is already checked: forged peer headers are never believed", async ({
  sim,
}) => {
  // The entry listens only after boot has put the front door in place, so there is no moment in
  // which a forged "I am loopback" header could pass (the old server listened first and had to send
  // such requests round again).
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: "0.0.0.0",
    PORT: String(port),
    DASHBOARD_PASSWORD: "early-bird-password",
    ALLOWED_HOSTS: ADDRESS,
    AGENT_URL: sim.url,
  };
  const server = serve(plans.start(), ROOT, env);
  const forged = {
    Host: `${ADDRESS}:${port}`,
    "X-Agent-Deck-Peer": "127.0.0.1",
    "X-Agent-Deck-Forwarded": "0",
    "Content-Type": "application/json",
    Origin: `http://${ADDRESS}:${port}`,
  };
  const answers: string[] = [];
  try {
    const deadline = Date.now() + 60_000;
    while (answers.filter((a) => a.startsWith("GET 401")).length < 10 && Date.now() < deadline) {
      const burst = await Promise.allSettled([
        ...Array.from({ length: 4 }, () => raw(port, { address: ADDRESS, path: "/api/agents?x=1", headers: forged })),
        raw(port, {
          address: ADDRESS,
          method: "PATCH",
          path: "/api/agents/local/client",
          headers: forged,
          body: JSON.stringify({ paused: true }),
        }),
      ]);
      burst.forEach((r, i) => {
        if (r.status === "fulfilled") answers.push(`${i < 4 ? "GET" : "PATCH"} ${r.value.status}`);
      });
      if (burst.every((r) => r.status === "rejected")) await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await server.stop();
  }
  expect(answers.filter((a) => a.startsWith("GET 401")).length, "booted, then asked to sign in").toBeGreaterThanOrEqual(
    10,
  );
  expect(
    [...new Set(answers)].filter((a) => !["GET 401", "PATCH 401"].includes(a)),
    "from the very first answer: sign in first",
  ).toEqual([]);
});
