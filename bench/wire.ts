import { results, row, s, stack } from "./common";
import { keepAliveRetries, listViewer, snapshotViewers, type ViewerTally } from "./viewers";

/**
 * Bytes on the wire per viewer per minute at 5,000 runs, gzip, one poll a second: a page polling
 * the snapshot with `since=` against a page polling the whole runs list as before. Both poll the
 * same stack at the same time, so they see the same changes. Two mixes: the simulator's busy
 * default (almost half the runs change every second) and a realistic one, 5% of runs active.
 */
const INTERVAL_MS = 1000;
const MIXES: { name: string; args: string[]; target: (delta: number, list: number) => boolean; targetText: string }[] =
  [
    { name: "busy mix", args: [], target: (d, l) => d <= l, targetText: "≤ list" },
    { name: "5% active", args: ["--active-percent", "5"], target: (d, l) => d <= l / 10, targetText: "≤ list/10" },
  ];

const perMinute = (t: ViewerTally) => (t.steadyBytes / Math.max(1, t.steadyPolls)) * (60_000 / INTERVAL_MS);
const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;

export async function wirePhase(): Promise<void> {
  const out: unknown[] = [];
  const retriesBefore = keepAliveRetries.count;
  for (const mix of MIXES) {
    const st = await stack(5000, {}, mix.args);
    const base = `${st.dash.url}/api/agents/local`;
    const durationMs = s(60_000, 15_000);
    const [[snap], list] = await Promise.all([
      snapshotViewers(`${base}/snapshot`, 1, INTERVAL_MS, durationMs),
      listViewer(`${base}/runs`, INTERVAL_MS, durationMs),
    ]);
    await st.stop();
    const d = perMinute(snap!);
    const l = perMinute(list);
    out.push({
      mix: mix.name,
      simulatorArgs: mix.args,
      intervalMs: INTERVAL_MS,
      seconds: durationMs / 1000,
      snapshot: { ...snap!, latencies: undefined, perMinuteBytes: d },
      list: { ...list, latencies: undefined, perMinuteBytes: l },
    });
    row(
      `wire/viewer/min @5000 runs, ${mix.name}: delta vs list`,
      `${mb(d)} vs ${mb(l)} (×${(d / l).toFixed(3)}; first full ${(snap!.firstBytes / 1024).toFixed(0)} KB)`,
      mix.targetText,
      mix.target(d, l) && snap!.failures === 0 && list.failures === 0,
    );
  }
  results.wire = { mixes: out, keepAliveRetries: keepAliveRetries.count - retriesBefore };
}
