import { agentToken, get, ms, results, row, s, stack } from "./common";
import { percentile } from "./load";
import { getRaw, readVersion } from "./viewers";

/**
 * BFF overhead against the agent's own answer: GET /api/v3/runs straight from the simulator, the
 * runs route (for scripts, as before), and the snapshot as a page asks for it, full and delta
 * (gzip, answered from bytes encoded once per poll). The delta is from a version about one second
 * old, as a page polling every second holds. Requests are interleaved so every path sees the same
 * machine load at the same time.
 */
type Stat = { p50: number; p99: number };
const stat = (v: number[]): Stat => ({ p50: percentile(v, 50), p99: percentile(v, 99) });
const GZIP = { "Accept-Encoding": "gzip" };

export async function overheadPhase(runs: number): Promise<void> {
  const st = await stack(runs);
  const direct = `${st.sim.url}/api/v3/runs?token=${await agentToken(st)}`;
  const list = `${st.dash.url}/api/agents/local/runs`;
  const snap = `${st.dash.url}/api/agents/local/snapshot`;
  await get(list);
  let held = { version: readVersion((await getRaw(snap, GZIP)).body).version, at: Date.now() };
  const n = s(400, 80);
  const d: number[] = [],
    b: number[] = [],
    full: number[] = [],
    fullIdentity: number[] = [],
    delta: number[] = [];
  for (let i = 0; i < n; i++) {
    d.push((await get(direct)).ms);
    b.push((await get(list)).ms);
    full.push((await getRaw(snap, GZIP)).ms);
    fullIdentity.push((await get(snap)).ms);
    const a = await getRaw(`${snap}?since=${encodeURIComponent(held.version)}`, GZIP);
    delta.push(a.ms);
    if (Date.now() - held.at >= 1000) held = { version: readVersion(a.body).version, at: Date.now() };
  }
  await st.stop();
  const out = {
    runs,
    direct: stat(d),
    runsRoute: stat(b),
    snapshotFull: stat(full),
    snapshotFullIdentity: stat(fullIdentity),
    snapshotDelta: stat(delta),
  };
  (results.overhead as unknown[]).push(out);
  const ratio = (x: Stat) => x.p50 / out.direct.p50;
  const line = (x: Stat) => `${ms(x.p50)} / ${ms(x.p99)} (×${ratio(x).toFixed(2)})`;
  row(
    `overhead @${runs} runs: agent's own GET /api/v3/runs p50/p99`,
    `${ms(out.direct.p50)} / ${ms(out.direct.p99)}`,
    "",
    null,
  );
  row(`overhead @${runs} runs: runs route (scripts) p50/p99 (ratio p50)`, line(out.runsRoute), "", null);
  // The target is at 5,000 runs; at 100 the agent answers in about a millisecond and any hop is a large ratio.
  const target = runs >= 5000;
  row(
    `overhead @${runs} runs: snapshot full, gzip (as pages ask)`,
    line(out.snapshotFull),
    target ? "≤ ×1.2" : "",
    target ? ratio(out.snapshotFull) <= 1.2 : null,
  );
  row(`overhead @${runs} runs: snapshot full, uncompressed`, line(out.snapshotFullIdentity), "", null);
  row(`overhead @${runs} runs: snapshot delta from ~1 s back, gzip`, line(out.snapshotDelta), "", null);
}
