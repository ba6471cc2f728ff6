import type { Page } from "@playwright/test";
import { runHasErrors, statusGroup } from "../lib/agent-api/status-groups";
import type { Run } from "../lib/agent-api/runs";
import { expect, test } from "./support/patient";
import { expectWallBasics, sparklinePoints } from "./support/page-checks";

test.use({ viewport: { width: 1920, height: 1080 } });

const wallRows = (page: Page) => page.getByRole("list").last().getByRole("listitem");
const pageIndicator = (page: Page) => page.getByText(/^Page \d+ of \d+$/);

async function apiRuns(page: Page): Promise<Run[]> {
  return (await (await page.request.get("/api/agents/local/runs")).json()) as Run[];
}

test("one agent's wall: 25 runs fill 1920×1080 without scrolling, dark, read-only, with clock, data age and sparkline", async ({
  page,
}) => {
  await page.goto("/agents/local/wall");
  await expect(page.getByRole("heading", { name: "Office PC", level: 1 })).toBeVisible();
  await expect(wallRows(page).first()).toBeVisible();
  await expect(page.getByLabel("Current time")).toHaveText(/^\d{1,2}:\d{2}:\d{2}/);
  await expect(page.getByText(/^updated (just now|\d+ s ago)$/)).toBeVisible();
  await expect.poll(() => sparklinePoints(page.locator("body"))).toBeGreaterThanOrEqual(2);
  await expect(page).toHaveTitle(/Office PC — Agent Deck$/);
  await expectWallBasics(page);
  await page.screenshot({ path: "test-results/e2e/wall-agent-25-1920x1080.png" });
});

test.describe("paging", () => {
  // A slow world (one step a minute) keeps the groups, and so the page count, still while the test walks the pages.
  test.use({ simArgs: ["--runs", "25", "--tick-ms", "60000"] });
  test("errors first, then active runs, the rest as counts; pages every 10 s with a page indicator", async ({
    page,
  }) => {
    await page.clock.install();
    await page.goto("/agents/local/wall");
    await expect(wallRows(page).first()).toBeVisible();
    const indicator = pageIndicator(page);
    await expect(indicator).toHaveText(/^Page 1 of [2-9]$/);
    const pages = Number(/of (\d+)/.exec((await indicator.textContent()) ?? "")?.[1]);

    // Walk every page, advancing the page's clock 10 s at a time, and note each row's run and status.
    const shown: { name: string; status: string }[] = [];
    for (let p = 1; p <= pages; p++) {
      await expect(indicator).toHaveText(`Page ${p} of ${pages}`);
      for (const row of await wallRows(page).all()) {
        const [name = "", detail = ""] = await row.locator("p").allInnerTexts();
        shown.push({ name, status: detail.split(" · ")[0] ?? "" });
      }
      await page.clock.fastForward(10_000);
    }
    await expect(indicator).toHaveText(`Page 1 of ${pages}`);

    const runs = await apiRuns(page);
    const failing = runs
      .filter(runHasErrors)
      .map((r) => r.name)
      .sort((a, b) => a.localeCompare(b));
    expect(failing.length).toBeGreaterThan(0);
    // Errors lead, in name order (their set is stable: errors stay until someone acts) …
    expect(shown.slice(0, failing.length).map((s) => s.name)).toEqual(failing);
    // … then only active runs, each shown once.
    const rest = shown.slice(failing.length);
    expect(rest.length).toBeGreaterThan(0);
    for (const r of rest) expect(statusGroup(r.status), `${r.name} (${r.status})`).toBe("active");
    expect(new Set(shown.map((s) => s.name)).size).toBe(shown.length);
    // Everything not listed is counted by group (compared with the API until both saw the same poll).
    const alsoCounts = async () => {
      const text = await page.getByText(/^Also: /).innerText();
      return Object.fromEntries([...text.matchAll(/(\d+) (done|paused|idle)/g)].map((m) => [m[2], Number(m[1])]));
    };
    await expect
      .poll(async () => {
        const unlisted = (await apiRuns(page)).filter((r) => !runHasErrors(r) && statusGroup(r.status) !== "active");
        const expected = { done: 0, paused: 0, idle: 0 };
        for (const r of unlisted) expected[statusGroup(r.status) as keyof typeof expected]++;
        return JSON.stringify(await alsoCounts()) === JSON.stringify(expected);
      })
      .toBe(true);
  });
});

test.describe("with 500 runs", () => {
  test.use({ simArgs: ["--runs", "500"] });

  test("still fits 1920×1080 without scrolling: the first page is errors, and it pages on", async ({ page }) => {
    await page.clock.install();
    await page.goto("/agents/local/wall");
    await expect(wallRows(page).first()).toBeVisible();
    const indicator = pageIndicator(page);
    await expect(indicator).toHaveText(/^Page 1 of \d{2}$/);
    await expectWallBasics(page);
    const failing = new Set((await apiRuns(page)).filter(runHasErrors).map((r) => r.name));
    const names = await wallRows(page).locator("p:first-child").allInnerTexts();
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const n of names) expect(failing.has(n), n).toBe(true);
    await page.screenshot({ path: "test-results/e2e/wall-agent-500-1920x1080.png" });
    await page.clock.fastForward(10_000);
    await expect(indicator).toHaveText(/^Page 2 of \d{2}$/);
    const next = await wallRows(page).locator("p:first-child").allInnerTexts();
    expect(next.some((n) => names.includes(n))).toBe(false);
  });
});

test("an outage shows the wall-sized banner with the last known data, and heals", async ({ page, control }) => {
  await page.goto("/agents/local/wall");
  await expect(wallRows(page).first()).toBeVisible();
  await control.fault({ kind: "refuse", ms: 10_000 });
  // (Next's route announcer is an empty alert region of its own.)
  const banner = page.getByRole("alert").filter({ hasText: /\S/ });
  await expect(banner).toContainText(/Agent unreachable since \d{1,2}:\d{2}:\d{2}/);
  await expect(banner).toContainText("showing last known data");
  await expect(wallRows(page).first()).toBeVisible();
  await page.screenshot({ path: "test-results/e2e/wall-agent-outage-1920x1080.png" });
  await expect(banner).toHaveCount(0);
});

test("asks the browser for a screen wake lock", async ({ page }) => {
  // Wrap the browser's own API (not our code) to see that the wall asks for the lock.
  await page.addInitScript(() => {
    const calls: string[] = [];
    (window as unknown as { wakeLockCalls: string[] }).wakeLockCalls = calls;
    const wl = navigator.wakeLock;
    const original = wl.request.bind(wl);
    wl.request = (type?: "screen") => {
      calls.push(type ?? "");
      return original(type);
    };
  });
  await page.goto("/agents/local/wall");
  await expect(wallRows(page).first()).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { wakeLockCalls: string[] }).wakeLockCalls))
    .toContain("screen");
});
