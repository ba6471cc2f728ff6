import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { StoredEvent } from "../lib/bff/contract-store";
import { startDashboard } from "../tests/support/processes";
import { expect, test } from "./fixtures";
import { allEvents } from "./support/events";

/**
 * kill -9 of the dashboard in the middle of heavy writing: thousands of runs moving, a hundred runs
 * a second put into error and back, the agent paused and resumed (every run at once). After a
 * restart on the same DATA_DIR the file passes SQLite's integrity check and holds every event the
 * dashboard had recorded more than one poll interval before the kill.
 */
const POLL_MS = 250;

test.use({ simArgs: ["--runs", "2000", "--tick-ms", "250"] });

test("kill -9 during heavy writing loses nothing older than one poll and leaves a sound file", async ({
  sim,
  control,
}) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "agent-deck-kill-"));
  const env = {
    AGENT_URL: sim.url,
    AGENT_NAME: "Office PC",
    DATA_DIR: dataDir,
    POLL_INTERVAL_MS: String(POLL_MS),
    BACKGROUND_POLL_MS: String(POLL_MS),
  };
  const first = await startDashboard(env);
  const runIds = ((await (await fetch(`${first.url}/api/agents/local/runs`)).json()) as { run_id: number }[]).map(
    (r) => r.run_id,
  );

  let writing = true;
  const churn = (async () => {
    for (let i = 0; writing; i++) {
      const batch = Array.from({ length: 20 }, (_, j) => runIds[(i * 20 + j) % runIds.length]!);
      await Promise.all(
        batch.map((runId) =>
          control
            .setRun({
              runId,
              status: i % 2 ? "error" : "syncing",
              ...(i % 2 ? { errors: [`error ${i}`] } : { errors: [] }),
            })
            .catch(() => undefined),
        ),
      );
      if (i % 10 === 5) await control.setState({ paused: (i / 10) % 2 < 1 }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();

  // Follow the log as a page would; the last look is right before the kill, so everything older than
  // one poll interval at the kill had been seen.
  const seen = new Map<number, StoredEvent>();
  let last = 0;
  let lookedAt = 0;
  const startedAt = Date.now();
  const until = startedAt + 5_000;
  while (Date.now() < until) {
    lookedAt = Date.now();
    for (const e of await allEvents(first, `&after=${last}`)) seen.set(e.id, e);
    last = Math.max(last, ...seen.keys());
    await new Promise((r) => setTimeout(r, 100));
  }
  lookedAt = Date.now();
  for (const e of await allEvents(first, `&after=${last}`)) seen.set(e.id, e);
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
      const kept = new Set(
        (db.prepare("SELECT id FROM events WHERE agent = 'local' AND t < ?").all(cutoff) as { id: number }[]).map(
          (r) => r.id,
        ),
      );
      const missing = older.filter((e) => !kept.has(e.id));
      expect(missing, `${missing.length} of ${older.length} events lost`).toEqual([]);
      // And the file holds nothing from then that the dashboard had not shown: the list above was the whole log.
      expect([...kept].filter((id) => !seen.has(id))).toEqual([]);
      console.log(
        `kill -9: ${seen.size} events seen in ${((killedAt - startedAt) / 1000).toFixed(1)} s of writing; the ${older.length} older than one poll at the kill are all in the file; last look ${killedAt - lookedAt} ms before the kill`,
      );
    } finally {
      db.close();
    }
    const after = await allEvents(second);
    expect(after.filter((e) => e.kind === "dashboard_started")).toHaveLength(2);
  } finally {
    await second.stop();
  }
});
