import type { Run } from "../lib/agent-api/runs";
import { runHasErrors } from "../lib/agent-api/status-groups";
import { expect, test } from "./support/multi-agent";
import { captureNotifications } from "./support/notifications";

test.use({
  fleetSetup: {
    agents: [
      { id: "office-pc", name: "Office PC", simArgs: ["--runs", "10"] },
      {
        id: "render-nas",
        name: "Render NAS",
        simArgs: ["--runs", "10", "--seed", "7", "--no-token-auth"],
        tokenAuth: false,
      },
    ],
  },
});

test("the overview notifies for every agent: one going unreachable, another leaving CONNECTED", async ({
  page,
  context,
  fleet,
}) => {
  const shown = await captureNotifications(context, page);
  await page.goto("/");
  await expect(page.getByRole("region", { name: /Office PC|Render NAS/ })).toHaveCount(2);
  const toggle = page.getByRole("button", { name: /^Notifications (on|off)$/ });
  await toggle.click();
  await expect(toggle).toHaveText("Notifications on");

  // From the event log: the page holds no runs, the dashboard detected the error at its poll.
  const runs = (await (await page.request.get("/api/agents/office-pc/runs")).json()) as Run[];
  const healthy = runs.find((r) => !runHasErrors(r))!;
  await fleet.member("office-pc").control.setRun({ runId: healthy.run_id, status: "error", errors: ["Disk full"] });
  await expect.poll(shown).toContain(`⚠ ${healthy.name}: error`);

  await fleet.member("render-nas").control.fault({ kind: "refuse", ms: 20_000 });
  await expect.poll(shown).toContain("Render NAS is unreachable");
  await fleet.member("office-pc").control.setState({ serverState: "NOT_CONNECTED" });
  await expect.poll(shown).toContain("Office PC left the Management Console");
  expect(await shown()).not.toContain("Office PC is unreachable");
});
