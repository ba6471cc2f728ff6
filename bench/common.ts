import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { onlyChildOf } from "../tests/support/proc-tree";
import { startDashboard, startSimulator, type Dashboard } from "../tests/support/processes";
import { get } from "./load";

/**
 * What every phase shares: the table, the results file's object, and a stack of simulator plus
 * built dashboard. `--quick` shortens every phase (a smoke run); the README's figures come from a full run.
 */
export const quick = process.argv.includes("--quick");
export const s = (full: number, short: number) => (quick ? short : full);
export const ms = (v: number) => `${v.toFixed(1)} ms`;
export const rows: [string, string, string, string][] = [];
export const results: Record<string, unknown> = { quick, date: new Date().toISOString() };
export const row = (what: string, value: string, target: string, ok: boolean | null) =>
  rows.push([what, value, target, ok === null ? "" : ok ? "ok" : "MISSED"]);
export const sleep = (millis: number) => new Promise((r) => setTimeout(r, millis));

export type Stack = Awaited<ReturnType<typeof stack>>;

/** `simArgs`: extra simulator flags (e.g. the realistic mix). The dashboard runs at its defaults unless `env` says otherwise. */
export async function stack(runs: number, env: Record<string, string> = {}, simArgs: string[] = []) {
  const sim = await startSimulator(["--runs", String(runs), ...simArgs]);
  const dash = await startDashboard({ AGENT_URL: sim.url, AGENT_NAME: "Bench agent", ...env });
  const control = async (method: string, p: string, body?: unknown) =>
    (
      await fetch(sim.controlUrl + p, {
        method,
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } }),
      })
    ).json() as Promise<unknown>;
  const stop = async () => {
    await dash.stop();
    await sim.stop();
  };
  return { sim, dash, control, stop };
}

/**
 * The server process: start.mjs is a thin launcher that spawns `.next/standalone/server.js` (our
 * entry, scripts/server-entry.cjs, which runs Next in the same process); the launcher's own memory
 * and CPU are constant and are not the server's, so only its one child is measured.
 */
export function serverPid(dash: Dashboard): number {
  return onlyChildOf(dash.child.pid!);
}

const TICKS = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** User + system CPU seconds of a process so far (/proc/<pid>/stat fields 14 and 15, after the name). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Field 3 (state) is fields[0] here, so utime (14) and stime (15) are fields[11] and fields[12].
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** The snapshot counters in /api/metrics (a scrape does not count as watching the agent). */
export async function snapshotCounters(
  dashUrl: string,
): Promise<{ encodings: Record<string, number>; answers: Record<string, number> }> {
  const text = await (await fetch(`${dashUrl}/api/metrics`)).text();
  const read = (name: string) => {
    const out: Record<string, number> = { full: 0, delta: 0 };
    for (const m of text.matchAll(new RegExp(`^${name}\\{[^}]*kind="(\\w+)"[^}]*\\} (\\S+)$`, "gm")))
      out[m[1]!] = Number(m[2]);
    return out;
  };
  return { encodings: read("agentdeck_snapshot_encodings_total"), answers: read("agentdeck_snapshot_answers_total") };
}

/** The simulator's per-resource call counts since the last clear. */
export async function agentCalls(st: Stack): Promise<Record<string, number>> {
  return ((await st.control("GET", "/stats")) as { requests: Record<string, number> }).requests;
}

/** The agent's token, to ask it directly as the dashboard does. */
export async function agentToken(st: Stack): Promise<string> {
  return ((await (await fetch(`${st.sim.url}/api/v3/token`)).json()) as { token: string }).token;
}

export { get };
