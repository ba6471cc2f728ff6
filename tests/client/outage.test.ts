import { describe, expect, it } from "vitest";
import { ApiError, BAD_BODY } from "@/lib/client/api";
import { describeProblem, UNREADABLE } from "@/lib/client/outage";

const since = Date.UTC(2026, 0, 2, 12, 3, 14);
const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(since);

describe("describeProblem: poll failures in words", () => {
  it("unreachable says since when and that it keeps trying", () => {
    expect(describeProblem(new ApiError(503, "agent_unreachable", "Cannot reach the agent: refused"), since)).toEqual({
      kind: "unreachable",
      text: `Agent unreachable since ${clock}, retrying`,
    });
  });

  it("a timeout names the deadline the dashboard gave the agent", () => {
    const p = describeProblem(new ApiError(504, "agent_timeout", "The agent did not answer within 1500 ms"), since);
    expect(p).toEqual({ kind: "timeout", text: `The agent did not answer within 1500 ms (since ${clock}), retrying` });
  });

  it("shows the BFF's sentence about unreadable data as it is, never twice prefixed", () => {
    const message = `${UNREADABLE}: status.paused expected boolean, received string`;
    const p = describeProblem(new ApiError(502, "agent_bad_response", message), since);
    expect(p).toEqual({ kind: "bad_response", text: message });
    expect(p.text.split(UNREADABLE)).toHaveLength(2);
  });

  it("explains data the browser itself could not read with the same words", () => {
    const p = describeProblem(new ApiError(200, BAD_BODY, "unexpected data at paused"), null);
    expect(p.text).toBe(`${UNREADABLE}: unexpected data at paused`);
  });
});
