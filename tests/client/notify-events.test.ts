import { describe, expect, it } from "vitest";
import type { StoredEvent } from "@/lib/bff/contract-store";
import { notificationsFor } from "@/lib/client/notify-events";

let id = 0;
const ev = (over: Partial<StoredEvent>): StoredEvent => ({
  id: ++id,
  t: id,
  count: 1,
  lastT: id,
  agent: "office",
  kind: "run_status",
  severity: "info",
  message: "",
  ...over,
});
const names = (a: string) => (a === "office" ? "Office" : "NAS");

describe("notifications from the event log", () => {
  it("notices errors, finished runs, leaving CONNECTED and going unreachable; not a restart asked for here", () => {
    const titles = notificationsFor(
      [
        ev({ kind: "server_state", from: "CONNECTED", to: "NOT_CONNECTED" }),
        ev({ kind: "server_state", from: "CONNECTING", to: "CONNECTED" }),
        ev({ kind: "run_error", severity: "error", runId: "2", runName: "R2" }),
        ev({ kind: "run_finished", runId: "1", runName: "R1" }),
        ev({ kind: "agent_unreachable", severity: "info", message: "The agent is restarting" }),
        ev({ kind: "agent_unreachable", severity: "error", agent: "nas" }),
      ],
      names,
    ).map((n) => n.title);
    expect(titles).toEqual([
      "Office left the Management Console",
      "NAS is unreachable",
      "⚠ R2: error",
      "✓ R1 finished",
    ]);
  });

  it("folds a burst per agent into one notification", () => {
    const burst = Array.from({ length: 10 }, (_, i) =>
      ev({ kind: "run_finished", runId: String(i), runName: `R${i}` }),
    );
    const out = notificationsFor([...burst, ev({ kind: "run_finished", agent: "nas", runName: "N1" })], names);
    expect(out.map((n) => [n.title, n.body.slice(0, 9)])).toEqual([
      ["✓ 10 runs finished", "On Office"],
      ["✓ N1 finished", "On NAS"],
    ]);
  });
});
