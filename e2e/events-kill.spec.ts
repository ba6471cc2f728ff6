import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { EventsResponse, StoredEvent } from "../lib/bff/contract-store";
import { startDashboard, type Dashboard } from "../tests/support/processes";
import { expect, test } from "./fixtures";

/**
 * kill -9 of the dashboard in the middle of heavy writing: thousands of runs moving, a hundred runs
 * a second put into error and back, the agent paused and resumed (every run at once). After a
 * restart on the same DATA_DIR the file passes SQLite's integrity check and holds every event the
 * dashboard had recorded more than one poll interval before the kill.
 */
const POLL_MS = 250;

/** The events newer than `after`, newest first, page by page (what a page polling the log does). */
async function eventsAfter(dashboard: Dashboard, after = 0): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let before: number | undefined;
  for (;;) {
    const res = await fetch(`${dashboard.url}/api/agents/local/events?limit=500&after=${after}${before ? `&before=${before}` : ""}`);
    const page = (await res.json()) as EventsResponse;
    out.push(...page.events);
    if (page.next === undefined) return out;
    before = page.next;
  }
}

test.use({ simArgs: ["--runs", "2000", "--tick-ms", "250"] });

test("kill -9 during heavy writing loses nothing older than one poll and leaves a sound file", async ({ sim, control }) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "agent-deck-kill-"));
  const env = { AGENT_URL: sim.url, AGENT_NAME: "Office PC", DATA_DIR: dataDir, POLL_INTERVAL_MS: String(POLL_MS), BACKGROUND_POLL_MS: String(POLL_MS) };
  const first = await startDashboard(env);
  const runIds = ((await (await fetch(`${first.url}/api/agents/local/runs`)).json()) as { run_id: number }[]).map((r) => r.run_id);

  let writing = true;
  const churn = (async () => {
    for (let i = 0; writing; i++) {
      const batch = Array.from({ length: 20 }, (_, j) => runIds[(i * 20 + j) % runIds.length]!);
      await Promise.all(batch.map((runId) => control.setRun({ runId, status: i % 2 ? "error" : "syncing", ...(i % 2 ? { errors: [`error ${i}`] } : { errors: [] }) }).catch(() => undefined)));
      if (i % 10 === 5) await control.setState({ paused: (i / 10) % 2 < 1 }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();

  // Follow the log as a page would; the last look is right before the kill, so everything older than
  // one poll interval at the kill had been seen.
  const seen = new Map<number, StoredEvent>();
  let last = 0;
  let lookedAt = 0;
  const until = Date.now() + 5_000;
  while (Date.now() < until) {
    lookedAt = Date.now();
    for (const e of await eventsAfter(first, last)) seen.set(e.id, e);
    last = Math.max(last, ...seen.keys());
    await new Promise((r) => setTimeout(r, 100));
  }
  lookedAt = Date.now();
  for (const e of await eventsAfter(first, last)) seen.set(e.id, e);
  const killedAt = Date.now();
  first.child.kill("SIGKILL");
  await new Promise<void>((resolve) => first.child.once("exit", () => resolve()));
  writing = false;
  await churn;
  expect(seen.size).toBeGreaterThan(100);
  expect(killedAt - lookedAt).toBeLessThan(POLL_MS);

  const second = await startDashboard(env);
  try {
    const db = new Database(path.join(dataDir, "agent-deck.sqlite"), { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const cutoff = killedAt - POLL_MS;
      const older = [...seen.values()].filter((e) => e.t < cutoff);
      const kept = new Set((db.prepare("SELECT id FROM events WHERE agent = 'local' AND t < ?").all(cutoff) as { id: number }[]).map((r) => r.id));
      const missing = older.filter((e) => !kept.has(e.id));
      expect(missing, `${missing.length} of ${older.length} events lost`).toEqual([]);
      // And the file holds nothing from then that the dashboard had not shown: the list above was the whole log.
      expect([...kept].filter((id) => !seen.has(id))).toEqual([]);
      test.info().annotations.push({ type: "events", description: `${older.length} events older than one poll before the kill, all kept; ${kept.size} in the file` });
    } finally {
      db.close();
    }
    const after = await eventsAfter(second);
    expect(after.filter((e) => e.kind === "dashboard_started")).toHaveLength(2);
  } finally {
    await second.stop();
  }
});
