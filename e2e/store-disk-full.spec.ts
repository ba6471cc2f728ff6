import { execFileSync } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";
import { startDashboard } from "../tests/support/processes";
import { parseExposition, value } from "./support/prom-text";

/**
 * The disk filling up while the dashboard runs (issue 10, faults): DATA_DIR on a small tmpfs of its
 * own, then a file that takes every byte left. The dashboard keeps serving live data, health says
 * `storage: failing` with the reason, the failures are counted, the page shows one quiet notice,
 * and once the space comes back writing resumes by itself. Mounting needs root, which is how the
 * suite runs (CI and this machine); a tmpfs is the disk-full that harms nothing else.
 */
test.use({ simArgs: ["--runs", "200", "--restart-downtime-ms", "2000"] });
test.setTimeout(180_000);

type Storage = { state: string; reason?: string };
const storageOf = async (url: string) =>
  ((await (await fetch(`${url}/api/health`)).json()) as { storage: Storage }).storage;

async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = 60_000): Promise<T> {
  for (const deadline = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 250))) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v)}`);
  }
}

/** Writes zeros until the file system says no space is left. */
function fillUp(file: string): void {
  const fd = openSync(file, "w");
  const chunk = Buffer.alloc(64 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOSPC") throw err;
  } finally {
    closeSync(fd);
  }
}

test("a full disk: live data goes on, health and the page say so, writing resumes when space returns", async ({
  sim,
  control,
  page,
}) => {
  const mount = mkdtempSync(path.join(tmpdir(), "agent-deck-full-"));
  const dataDir = path.join(mount, "data");
  execFileSync("mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", mount]);
  mkdirSync(dataDir);
  const dash = await startDashboard({
    AGENT_URL: sim.url,
    AGENT_NAME: "Office PC",
    DATA_DIR: dataDir,
    POLL_INTERVAL_MS: "250",
  });
  const filler = path.join(mount, "filler");
  try {
    expect(await storageOf(dash.url)).toEqual({ state: "ok" });
    const ids = ((await (await fetch(`${dash.url}/api/agents/local/runs`)).json()) as { run_id: number }[]).map(
      (r) => r.run_id,
    );
    fillUp(filler);
    expect(statfsSync(mount).bavail).toBe(0);
    // Changes on the agent make the collector write events and history at every poll.
    const churn = setInterval(
      () =>
        void control
          .setRun({
            runId: ids[Math.floor(Math.random() * ids.length)]!,
            status: Math.random() < 0.5 ? "paused" : "synced",
          })
          .catch(() => undefined),
      100,
    );
    try {
      const failing = await until(
        "storage to fail",
        () => storageOf(dash.url),
        (s) => s.state === "failing",
      );
      expect(failing.reason).toMatch(/^the disk is full \(SQLITE_FULL\)$/);
      // Live data is served all the same, fresh from the agent.
      const client = await fetch(`${dash.url}/api/agents/local/client`);
      expect(client.status).toBe(200);
      const runs = (await (await fetch(`${dash.url}/api/agents/local/runs`)).json()) as unknown[];
      expect(runs).toHaveLength(200);
      const metrics = parseExposition(await (await fetch(`${dash.url}/api/metrics`)).text());
      expect(value(metrics, "agentdeck_storage_errors_total", { code: "SQLITE_FULL" })).toBeGreaterThan(0);
      // What the AgentDeckStorageFailing alert (docs/prometheus) watches.
      expect(value(metrics, "agentdeck_storage_failing")).toBe(1);
      // One quiet notice on the page, and the page's data is there.
      await page.goto(`${dash.url}/agents/local`);
      const notice = page.getByRole("status").filter({ hasText: "not being saved" });
      await expect(notice).toHaveCount(1);
      await expect(notice).toContainText("the disk is full (SQLITE_FULL)");
      await expect(page.locator("tbody [role=progressbar]").first()).toBeVisible();

      rmSync(filler);
      await until(
        "storage to recover",
        () => storageOf(dash.url),
        (s) => s.state === "ok",
      );
      const healed = parseExposition(await (await fetch(`${dash.url}/api/metrics`)).text());
      expect(value(healed, "agentdeck_storage_failing")).toBe(0);
    } finally {
      clearInterval(churn);
    }
    // The notice goes by itself at the page's next check (every 30 s).
    await expect(page.getByRole("status").filter({ hasText: "not being saved" })).toHaveCount(0, { timeout: 45_000 });
  } finally {
    await dash.stop();
    rmSync(filler, { force: true });
    execFileSync("umount", ["-l", mount]);
    rmSync(mount, { recursive: true, force: true });
  }
});
