"use client";

import { useState } from "react";
import { isApiError, NETWORK_ERROR, BAD_BODY } from "./api";
import { formatClock } from "@/lib/format/time";

/** The part of a React Query result that says whether polling is healthy. */
export type PollState = {
  error: unknown;
  isError: boolean;
  dataUpdatedAt: number;
  errorUpdatedAt: number;
};

export type Problem = {
  kind: "unreachable" | "timeout" | "bad_response" | "network" | "not_found" | "unauthorized" | "other";
  /** One honest sentence for a banner. */
  text: string;
};

/**
 * Remembers when the current run of failures began (the first failed poll after the last good
 * one), so the banner can say "unreachable since 12:03:14" rather than the time of the latest try.
 * State is adjusted during render, keyed by the last success, instead of in an effect.
 */
export function useOutageSince(q: PollState): number | null {
  const [mark, setMark] = useState<{ dataAt: number; since: number } | null>(null);
  if (q.isError) {
    if (!mark || mark.dataAt !== q.dataUpdatedAt) setMark({ dataAt: q.dataUpdatedAt, since: q.errorUpdatedAt });
  } else if (mark) {
    setMark(null);
  }
  if (!q.isError) return null;
  return mark && mark.dataAt === q.dataUpdatedAt ? mark.since : q.errorUpdatedAt;
}

/** Turns a poll failure into words. `since` is when the outage began (epoch ms). */
export function describeProblem(error: unknown, since: number | null): Problem {
  const at = since ? formatClock(since) : null;
  if (!isApiError(error)) return { kind: "other", text: `Something went wrong while loading: ${String(error)}` };
  switch (error.code) {
    case "agent_unreachable":
      return { kind: "unreachable", text: at ? `Agent unreachable since ${at}, retrying` : "Agent unreachable, retrying" };
    case "agent_timeout":
      return { kind: "timeout", text: "The agent did not answer in time, retrying" };
    case "agent_bad_response":
    case BAD_BODY:
      return { kind: "bad_response", text: `The agent answered with data this dashboard cannot read: ${error.message}` };
    case NETWORK_ERROR:
      return {
        kind: "network",
        text: at ? `The dashboard server is not answering since ${at}, retrying` : "The dashboard server is not answering, retrying",
      };
    case "not_found":
      return { kind: "not_found", text: error.message || "Not found." };
    case "unauthorized":
      return { kind: "unauthorized", text: "Your session has ended. Sign in again to continue." };
    default:
      return { kind: "other", text: `The dashboard could not load this: ${error.message}` };
  }
}
