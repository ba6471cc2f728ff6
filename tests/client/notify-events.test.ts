import { describe, expect, it } from "vitest";
import type { Run } from "@/lib/agent-api/runs";
import { notifyEvents, snapshot } from "@/lib/client/notify-events";

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
