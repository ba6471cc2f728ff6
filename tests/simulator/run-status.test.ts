import { describe, expect, it } from "vitest";
import { World } from "@/lib/simulator/world";

const world = () => new World({ seed: 42, runs: 5, now: Date.UTC(2025, 0, 15, 12) });

/** The control API's PUT /run: tests put one run into a status to see the dashboard react. */
describe("World.setRunStatus", () => {
  it("puts a run into error with the given errors, and it stays there", () => {
    const w = world();
    const run = w.runs().find((r) => r.status === "syncing")!;
    expect(w.setRunStatus(run.run_id, "error", [{ code: 28, message: "Disk full" }])).toBe(true);
    for (let i = 0; i < 5; i++) w.tick(1000);
    expect(w.run(run.run_id)).toMatchObject({
      status: "error",
      errors: [{ code: 28, message: "Disk full" }],
      down_speed: 0,
      eta: 0,
    });
  });

  it("finishing a transfer completes its size and files", () => {
    const w = world();
    const run = w.runs().find((r) => r.status === "downloading")!;
    w.setRunStatus(run.run_id, "successfully finished");
    w.tick(1000);
    const after = w.run(run.run_id)!;
    expect(after.status).toBe("successfully finished");
    expect(after.size_completed).toBe(after.size_total);
    expect(after.files_completed).toBe(after.files_total);
    expect(after.down_speed).toBe(0);
  });

  it("while paused the run reports paused and takes the new status on resume; unknown runs are refused", () => {
    const w = world();
    const run = w.runs()[0]!;
    w.pause();
    w.setRunStatus(run.run_id, "error", ["Access denied"]);
    expect(w.run(run.run_id)?.status).toBe("paused");
    w.resume();
    expect(w.run(run.run_id)).toMatchObject({ status: "error", errors: ["Access denied"] });
    expect(w.setRunStatus(999_999, "error")).toBe(false);
  });
});
