import { describe, expect, it } from "vitest";
import type { Run } from "@/lib/agent-api/runs";
import type { StoredEvent } from "@/lib/bff/contract-store";
import { notifyEvents, notifyFromLog, snapshot } from "@/lib/client/notify-events";

const run = (run_id: number, status: string, errors: unknown[] = []): Run => ({
  run_id,
  name: `R${run_id}`,
  type: "transfer",
  status,
  errors,
});

describe("notification events", () => {
  it("notices errors, finished transfers, unreachability and leaving CONNECTED", () => {
    const a = snapshot(true, "CONNECTED", [run(1, "downloading"), run(2, "syncing"), run(3, "synced")]);
    const b = snapshot(true, "NOT_CONNECTED", [
      run(1, "successfully finished"),
      run(2, "syncing", ["disk full"]),
      run(3, "synced"),
    ]);
    const titles = notifyEvents("Office", a, b).map((e) => e.title);
    expect(titles).toEqual(["Office left the Management Console", "⚠ R2: error", "✓ R1 finished"]);
    const c = snapshot(false, undefined, undefined, b);
    expect(notifyEvents("Office", b, c).map((e) => e.title)).toEqual(["Office is unreachable"]);
  });
  it("folds bursts into one notification and ignores new runs", () => {
    const before = snapshot(
      true,
      "CONNECTED",
      Array.from({ length: 10 }, (_, i) => run(i, "downloading")),
    );
    const after = snapshot(true, "CONNECTED", [
      ...Array.from({ length: 10 }, (_, i) => run(i, "successfully finished")),
      run(99, "error"),
    ]);
    expect(notifyEvents("Office", before, after).map((e) => e.title)).toEqual(["✓ 10 transfers finished"]);
  });
});

describe("notifications from the event log (the overview, every agent at once)", () => {
  const event = (id: number, over: Partial<StoredEvent>): StoredEvent => ({
    id,
    t: id * 1000,
    lastT: id * 1000,
    count: 1,
    agent: "office",
    kind: "run_status",
    severity: "info",
    message: "",
    ...over,
  });
  const names: Record<string, string> = { office: "Office PC", nas: "Render NAS" };
  const nameOf = (id: string) => names[id] ?? id;

  it("says the same as the runs comparison: errors, finished transfers, outages, leaving CONNECTED", () => {
    // Newest first, as the log answers.
    const events = [
      event(7, { kind: "deck_unreachable", agent: "nas", severity: "error", message: "Cannot reach the Agent Deck" }),
      event(6, { kind: "agent_unreachable", severity: "info", to: "agent_unreachable" }),
      event(5, { kind: "agent_unreachable", agent: "nas", severity: "error", to: "agent_unreachable" }),
      event(4, { kind: "server_state", from: "CONNECTED", to: "NOT_CONNECTED" }),
      event(3, { kind: "server_state", from: "CONNECTING", to: "CONNECTED" }),
      event(2, { kind: "run_finished", runName: "R1" }),
      event(1, { kind: "run_error", severity: "error", runName: "R2" }),
      event(0, { kind: "run_status", to: "error", runName: "R3" }),
    ];
    expect(notifyFromLog(events, nameOf).map((e) => e.title)).toEqual([
      "Office PC left the Management Console",
      "Render NAS is unreachable",
      "Render NAS: its deck is unreachable",
      "⚠ R3: error",
      "⚠ R2: error",
      "✓ R1 finished",
    ]);
  });

  it("folds each agent's bursts as the runs comparison does", () => {
    const events = Array.from({ length: 10 }, (_, i) => event(i, { kind: "run_finished", runName: `R${i}` }));
    expect(notifyFromLog(events, nameOf).map((e) => e.title)).toEqual(["✓ 10 transfers finished"]);
  });
});
