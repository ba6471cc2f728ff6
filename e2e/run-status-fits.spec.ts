import type { Page } from "@playwright/test";
import type { Run } from "../lib/agent-api/runs";
import { FOLDER_STATUSES, GENERAL_STATUSES, SCRIPT_STATUSES, TRANSFER_STATUSES } from "../lib/agent-api/runs";
import { expect, test } from "./fixtures";

/**
 * The agent's longest status words must stay readable in the runs table and the small-screen
 * cards: wrapped onto a second line, never cut with an ellipsis, and never spilling out of the row.
 */
const LONGEST = [...new Set([...GENERAL_STATUSES, ...FOLDER_STATUSES, ...TRANSFER_STATUSES, ...SCRIPT_STATUSES])]
  .sort((a, b) => b.length - a.length)
  .slice(0, 4);

async function putRunsInto(page: Page, setRun: (r: { runId: number; status: string }) => Promise<unknown>) {
  const runs = (await (await page.request.get("/api/agents/local/runs")).json()) as Run[];
  const chosen = runs.slice(0, LONGEST.length).map((run, i) => ({ run, status: LONGEST[i]! }));
  for (const { run, status } of chosen) await setRun({ runId: run.run_id, status });
  return chosen;
}

/** How each badge showing `status` fits: its text is whole, nothing overflows it or its cell/card. */
function measure(page: Page, status: string) {
  return page.getByText(status, { exact: true }).evaluateAll((badges) =>
    badges.map((b) => {
      const box = b.getBoundingClientRect();
      const holder = (b.closest("td") ?? b.closest("article"))!.getBoundingClientRect();
      return {
        text: b.textContent,
        title: b.getAttribute("title"),
        ellipsis: getComputedStyle(b).textOverflow === "ellipsis" && b.scrollWidth > b.clientWidth,
        overflowsBadge: b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1,
        insideHolder: box.left >= holder.left - 1 && box.right <= holder.right + 1 && box.bottom <= holder.bottom + 1,
        lines: Math.round(box.height / parseFloat(getComputedStyle(b).lineHeight)),
      };
    }),
  );
}

// One simulation step a minute (the most it allows): runs keep the statuses set here while the page polls.
test.use({ simArgs: ["--runs", "25", "--tick-ms", "60000"] });

for (const width of [1600, 390]) {
  test(`the longest statuses are readable in full at ${width} px`, async ({ page, control }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/agents/local");
    // At 390 px the runs panel is screens down and drawn when scrolled near: a reader scrolls to it.
    await page.getByRole("heading", { name: "Runs", exact: true }).scrollIntoViewIfNeeded();
    const chosen = await putRunsInto(page, (r) => control.setRun(r));
    for (const { status } of chosen) {
      await expect(page.getByText(status, { exact: true }).first()).toBeVisible();
      const fits = await measure(page, status);
      expect(fits.length).toBeGreaterThan(0);
      for (const f of fits) {
        expect(f, status).toMatchObject({ text: status, title: status, ellipsis: false, overflowsBadge: false });
        expect(f.insideHolder, `${status} stays inside its cell or card`).toBe(true);
        expect(f.lines, `${status} takes at most two lines`).toBeLessThanOrEqual(2);
      }
    }
  });
}
