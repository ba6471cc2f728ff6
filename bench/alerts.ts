import { startHttpReceiver } from "../tests/support/receivers";
import { ms, results, row, s, sleep, stack } from "./common";

/**
 * Alerts: how long from a run going into error in the agent to the webhook receiving it, and the
 * dashboard's own part, from the poll that saw the change to the receiver's 200 (the delivery log's
 * `latencyMs`: event to delivery). A rule with forSeconds 0 and resolveSeconds 0 on one run, which
 * is put into error and out again, one sample each way; a real HTTP receiver on loopback.
 */
type Sample = { endToEndMs: number; eventToDeliveryMs: number };

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function measure(label: string, env: Record<string, string>, samples: number, pollMs: number): Promise<Sample[]> {
  const st = await stack(100, env, ["--active-percent", "5"]);
  const receiver = await startHttpReceiver();
  const base = st.dash.url;
  const post = async (p: string, body: unknown) => {
    const res = await fetch(base + p, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  try {
    const runs = (await (await fetch(`${base}/api/agents/local/runs`)).json()) as { run_id: number; name: string }[];
    const run = runs[7]!;
    const hook = await post("/api/alerts/channels", { type: "webhook", name: "Bench", url: `${receiver.url}/hook` });
    await post("/api/alerts/rules", {
      name: "Bench",
      trigger: "run_error",
      agents: "*",
      runMatch: run.name,
      resolveSeconds: 0,
      channels: [hook.id],
    });
    const out: Sample[] = [];
    for (let i = 0; i < samples; i++) {
      const error = i % 2 === 0;
      // At a random point of the poll interval, as changes come: right after a delivery would always
      // land just after a poll and wait a whole interval.
      await sleep(Math.random() * pollMs);
      const before = Date.now();
      await st.control("PUT", "/run", {
        runId: run.run_id,
        status: error ? "error" : "synced",
        errors: error ? ["bench"] : [],
      });
      const [got] = (await receiver.waitFor(i + 1, 60_000, "/hook")).slice(i);
      const log = (await (await fetch(`${base}/api/alerts/deliveries?limit=1`)).json()) as {
        deliveries: { latencyMs?: number }[];
      };
      out.push({ endToEndMs: got!.t - before, eventToDeliveryMs: log.deliveries[0]?.latencyMs ?? NaN });
    }
    results[`alerts ${label}`] = out;
    return out;
  } finally {
    await receiver.close();
    await st.stop();
  }
}

export async function alertsPhase() {
  const configs: [string, Record<string, string>, number, number][] = [
    ["poll 1 s", { POLL_INTERVAL_MS: "1000", BACKGROUND_POLL_MS: "1000" }, s(40, 6), 1000],
    ["defaults, nobody watching (poll 10 s)", {}, s(12, 4), 10_000],
  ];
  for (const [label, env, n, pollMs] of configs) {
    const got = await measure(label, env, n, pollMs);
    const e2e = got.map((x) => x.endToEndMs);
    const own = got.map((x) => x.eventToDeliveryMs);
    row(
      `alerts, ${label}: change in the agent → webhook received, p50 / p95 (${n} samples)`,
      `${ms(pct(e2e, 50))} / ${ms(pct(e2e, 95))}`,
      "",
      null,
    );
    row(
      `alerts, ${label}: event seen → delivered (event to delivery), p50 / p95`,
      `${ms(pct(own, 50))} / ${ms(pct(own, 95))}`,
      "p95 ≤ 1 s",
      pct(own, 95) <= 1000,
    );
  }
}
