import { percentile } from "./load";
import {
  agentCalls,
  cpuSeconds,
  ms,
  results,
  row,
  s,
  serverPid,
  sleep,
  snapshotCounters,
  stack,
  type Stack,
} from "./common";
import { keepAliveRetries, merged, snapshotViewers } from "./viewers";

/**
 * Agent calls per resource per second with 0, 1 and 50 viewers (each polling the snapshot with
 * `since=` every second, as a page does), at the default intervals: the collector's clock, not the
 * viewers, sets the agent's load. Server CPU per answered poll and the snapshot counters come from
 * the same windows. 5,000 runs, so the CPU figures are at the size the issue is about.
 */
const POLL_MS = 1000; // POLL_INTERVAL_MS's default
const BACKGROUND_MS = 10_000; // BACKGROUND_POLL_MS's default
const VIEWER_MS = 1000;

type Window = { viewers: number; seconds: number; perResource: Record<string, number>; worst: number };

function perSecond(calls: Record<string, number>, seconds: number) {
  // The token is asked for once per token, not per poll: it is not a resource the clock drives.
  const perResource = Object.fromEntries(
    Object.entries(calls)
      .filter(([k]) => k !== "GET /api/v3/token")
      .map(([k, v]) => [k, v / seconds]),
  );
  return { perResource, worst: Math.max(0, ...Object.values(perResource)) };
}

/** Waits for the collector's next runs poll, as the simulator's request log shows it. */
async function nextRunsPoll(st: Stack, timeoutMs: number): Promise<void> {
  await st.control("DELETE", "/requests");
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const log = (await st.control("GET", "/requests")) as { path: string }[];
    if (log.some((e) => e.path === "/api/v3/runs")) return;
    await sleep(100);
  }
  throw new Error("the collector did not poll the agent while nobody watched");
}

async function unwatched(st: Stack): Promise<Window> {
  // No reads at all since start-up. A window of whole background intervals starting half an
  // interval after a poll counts each poll exactly once; a random start would count 3 or 4 in 30 s.
  await nextRunsPoll(st, BACKGROUND_MS * 2);
  await sleep(BACKGROUND_MS / 2);
  await st.control("DELETE", "/requests");
  const seconds = s(30, 10);
  await sleep(seconds * 1000);
  return { viewers: 0, seconds, ...perSecond(await agentCalls(st), seconds) };
}

async function watched(st: Stack, pid: number, viewers: number) {
  const url = `${st.dash.url}/api/agents/local/snapshot`;
  const seconds = s(30, 8);
  const before = { cpu: cpuSeconds(pid), counters: await snapshotCounters(st.dash.url) };
  await st.control("DELETE", "/requests");
  const t = merged(await snapshotViewers(url, viewers, VIEWER_MS, seconds * 1000));
  const calls = await agentCalls(st);
  const after = { cpu: cpuSeconds(pid), counters: await snapshotCounters(st.dash.url) };
  const d = (k: "encodings" | "answers", kind: string) =>
    (after.counters[k][kind] ?? 0) - (before.counters[k][kind] ?? 0);
  const answers = d("answers", "full") + d("answers", "delta");
  const encodings = { full: d("encodings", "full"), delta: d("encodings", "delta") };
  const agentPolls = calls["GET /api/v3/runs"] ?? 0;
  return {
    window: { viewers, seconds, ...perSecond(calls, seconds) } as Window,
    polls: t.polls,
    failures: t.failures,
    problems: t.problems.slice(0, 5),
    p50: percentile(t.latencies, 50),
    p99: percentile(t.latencies, 99),
    cpuMsPerPoll: ((after.cpu - before.cpu) * 1000) / Math.max(1, answers),
    answers: { full: d("answers", "full"), delta: d("answers", "delta") },
    encodings,
    agentPolls,
  };
}

export async function agentCallsPhase(): Promise<void> {
  const st = await stack(5000);
  const pid = serverPid(st.dash);
  const idle = await unwatched(st);
  const one = await watched(st, pid, 1);
  const fifty = await watched(st, pid, 50);
  await st.stop();
  results.agentCalls = {
    runs: 5000,
    pollIntervalMs: POLL_MS,
    backgroundPollMs: BACKGROUND_MS,
    viewerPollMs: VIEWER_MS,
    idle,
    one,
    fifty,
    keepAliveRetries: keepAliveRetries.count,
  };
  const idleMax = (1000 / BACKGROUND_MS) * 1.1;
  const fastMax = (1000 / POLL_MS) * 1.1;
  row(
    `agent calls/resource/s, 0 viewers (${idle.seconds} s)`,
    idle.worst.toFixed(3),
    `≤ ${idleMax.toFixed(2)} (1/BACKGROUND_POLL_MS·1.1)`,
    idle.worst <= idleMax,
  );
  for (const w of [one, fifty]) {
    row(
      `agent calls/resource/s, ${w.window.viewers} viewer${w.window.viewers > 1 ? "s" : ""} (${w.window.seconds} s)`,
      w.window.worst.toFixed(3),
      `≤ ${fastMax.toFixed(1)}`,
      w.window.worst <= fastMax,
    );
  }
  row(
    "snapshot poll p50 / p99 @5000 runs, 50 viewers",
    `${ms(fifty.p50)} / ${ms(fifty.p99)} (${fifty.failures} failed)`,
    "",
    fifty.failures === 0 ? null : false,
  );
  row("server CPU per viewer poll, 1 / 50 viewers", `${ms(one.cpuMsPerPoll)} / ${ms(fifty.cpuMsPerPoll)}`, "", null);
  const enc = fifty.encodings.full + fifty.encodings.delta;
  const ans = fifty.answers.full + fifty.answers.delta;
  // Staggered viewers hold the previous version or, after a slow poll, the one before: at most a
  // couple of (base, version) pairs per agent poll, never one per viewer.
  const perPoll = enc / Math.max(1, fifty.agentPolls);
  row(
    "snapshot encodings / answers, 50 viewers",
    `${enc} (full ${fifty.encodings.full}, delta ${fifty.encodings.delta}) / ${ans} over ${fifty.agentPolls} agent polls (${perPoll.toFixed(2)} per poll)`,
    "≤ 2 per poll, not per viewer",
    perPoll <= 2,
  );
}
