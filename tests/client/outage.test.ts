import { describe, expect, it } from "vitest";
import { ApiError, BAD_BODY } from "@/lib/client/api";
import {
  describeProblem,
  nextOutage,
  outageSince,
  UNREADABLE,
  unsupportedText,
  type Outage,
  type PollState,
} from "@/lib/client/outage";

const since = Date.UTC(2026, 0, 2, 12, 3, 14);
const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(
  since,
);

describe("describeProblem: poll failures in words", () => {
  it("unreachable says since when and that it keeps trying", () => {
    expect(describeProblem(new ApiError(503, "agent_unreachable", "Cannot reach the agent: refused"), since)).toEqual({
      kind: "unreachable",
      text: `Agent unreachable since ${clock}, retrying`,
    });
  });

  it("an older agent gets the server's sentence with what to do, and no promise of retrying", () => {
    const message = "This agent is older than 3.0: … Update the agent to 3.0 or later to use Agent Deck.";
    const error = new ApiError(502, "agent_unsupported", message);
    expect(describeProblem(error, since)).toEqual({ kind: "unsupported", text: message });
    const failing: PollState = { error, isError: true, isFetching: false, dataUpdatedAt: 0, errorUpdatedAt: since };
    expect(unsupportedText(failing)).toBe(message);
    const other = new ApiError(502, "agent_bad_response", "The agent answered HTTP 500 when asked for its job runs");
    expect(unsupportedText({ ...failing, error: other })).toBeUndefined();
    expect(unsupportedText({ ...failing, isError: false })).toBeUndefined();
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

describe("nextOutage: one outage from the first failed poll to the next answer", () => {
  const down = (at: number, dataAt = 0): PollState => ({
    error: new ApiError(503, "agent_unreachable", `refused at ${at}`),
    isError: true,
    isFetching: false,
    dataUpdatedAt: dataAt,
    errorUpdatedAt: at,
  });
  /** React Query's state while a query that never had data retries: "pending", error cleared. */
  const retrying = (lastErrorAt: number): PollState => ({
    error: null,
    isError: false,
    isFetching: true,
    dataUpdatedAt: 0,
    errorUpdatedAt: lastErrorAt,
  });
  const answered = (at: number): PollState => ({
    error: null,
    isError: false,
    isFetching: false,
    dataUpdatedAt: at,
    errorUpdatedAt: 0,
  });
  const run = (states: PollState[]) =>
    states.reduce<(Outage | null)[]>((seen, q) => [...seen, nextOutage(seen.at(-1) ?? null, q)], []);

  it("a tab that never had data: the retries in flight neither end the outage nor move its start", () => {
    const seen = run([down(1000), retrying(1000), down(2000), retrying(2000), down(3000)]);
    expect(seen.map((o) => o?.since)).toEqual([1000, 1000, 1000, 1000, 1000]);
    // The latest error is the one described.
    expect(String((seen.at(-1)!.error as Error).message)).toContain("refused at 3000");
  });

  it("ends with an answer, and the next failure starts a new outage", () => {
    const seen = run([down(1000), retrying(1000), answered(1500), down(4000)]);
    expect(seen.map((o) => o?.since ?? null)).toEqual([1000, 1000, null, 4000]);
  });

  it("with data on screen: the start stays while errors repeat", () => {
    const seen = run([down(1000, 500), down(2000, 500), down(3000, 500)]);
    expect(seen.map((o) => o?.since)).toEqual([1000, 1000, 1000]);
    expect(seen[1]).not.toBe(seen[0]);
  });

  it("a page with several failing queries says since when it first saw any of them fail", () => {
    expect(outageSince([null, null])).toBeNull();
    expect(
      outageSince([
        { dataAt: 0, since: 6000, error: null },
        { dataAt: 0, since: 5000, error: null },
      ]),
    ).toBe(5000);
    expect(outageSince([null, { dataAt: 0, since: 5000, error: null }])).toBe(5000);
  });
});
