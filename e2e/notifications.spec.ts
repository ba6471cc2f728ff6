import type { Run } from "../lib/agent-api/runs";
import { runHasErrors, statusGroup } from "../lib/agent-api/status-groups";
import { expect, test } from "./support/patient";
import { AgentPage } from "./pages/agent-page";
import { captureNotifications } from "./support/notifications";

test("opted in: a run entering error, a finished transfer, leaving CONNECTED and going unreachable each notify", async ({
  page,
  context,
  control,
}) => {
  const shown = await captureNotifications(context, page);
  await new AgentPage(page).goto();
  const toggle = page.getByRole("button", { name: /^Notifications (on|off)$/ });
  await expect(toggle).toHaveText("Notifications off");
  await expect(page.getByRole("progressbar").first()).toBeVisible();

  const runs = (await (await page.request.get("/api/agents/local/runs")).json()) as Run[];
  const folder = runs.find((r) => r.type === "folder" && statusGroup(r.status) === "active" && !runHasErrors(r))!;
  const transfer = runs.find((r) => r.type === "transfer" && r.status === "downloading" && !runHasErrors(r))!;

  // Not opted in: nothing, even though the agent leaves CONNECTED.
  await control.setState({ serverState: "NOT_CONNECTED" });
  await expect(page.getByText("Not connected to the configured Management Console.", { exact: true })).toBeVisible();
  await control.setState({ serverState: "CONNECTED" });
  await expect(page.getByText("Connected to the Management Console.", { exact: true })).toBeVisible();
  expect(await shown()).toEqual([]);

  await toggle.click();
  await expect(toggle).toHaveText("Notifications on");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");

  await control.setRun({ runId: folder.run_id, status: "error", errors: [{ code: 28, message: "Disk full" }] });
  await expect.poll(shown).toContain(`⚠ ${folder.name}: error`);

  await control.setRun({ runId: transfer.run_id, status: "successfully finished" });
  await expect.poll(shown).toContain(`✓ ${transfer.name} finished`);

  await control.setState({ serverState: "PENDING_APPROVAL" });
  await expect.poll(shown).toContain("Office PC left the Management Console");

  await control.fault({ kind: "refuse", ms: 20_000 });
  await expect.poll(shown).toContain("Office PC is unreachable");
  // Each change notified once.
  expect(new Set(await shown()).size).toBe((await shown()).length);
});

test("the choice is remembered, and switching it off stops notifications", async ({ page, context, control }) => {
  const shown = await captureNotifications(context, page);
  await new AgentPage(page).goto();
  const toggle = page.getByRole("button", { name: /^Notifications (on|off)$/ });
  await toggle.click();
  await expect(toggle).toHaveText("Notifications on");
  await page.reload();
  await expect(toggle).toHaveText("Notifications on");
  await toggle.click();
  await expect(toggle).toHaveText("Notifications off");
  // Runs finish on their own in the simulator; only what is shown after switching off counts.
  const before = (await shown()).length;
  await control.setState({ serverState: "PENDING_APPROVAL" });
  await expect(
    page.getByText("Connected, waiting for the Management Console to approve or decline this agent.", { exact: true }),
  ).toBeVisible();
  // Two more polls, in which an opted-in page would have notified.
  for (let i = 0; i < 2; i++) await page.waitForResponse((r) => r.url().includes("/api/agents/local/snapshot"));
  expect((await shown()).slice(before)).toEqual([]);
});
