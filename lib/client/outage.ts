"use client";

import { useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { isApiError, NETWORK_ERROR, BAD_BODY } from "./api";
import { keys } from "./queries";
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

/**
 * When the agent's status answers again after failing, the agent's other failed queries are
 * refetched at once, so a slowly polled panel (tags) is not left stale for its whole interval:
 * the page heals as one, within a poll of the agent's return.
 */
export function useRefetchOnRecovery(agentId: string, status: PollState): void {
  const qc = useQueryClient();
  const failing = useRef(false);
  useEffect(() => {
    if (status.isError) {
      failing.current = true;
      return;
    }
    if (!failing.current) return;
    failing.current = false;
    void qc.refetchQueries({ queryKey: keys.agent(agentId), type: "active", predicate: (query) => query.state.status === "error" });
  }, [qc, agentId, status.isError]);
}

/** How the banner introduces data the agent sent but this dashboard cannot use. */
export const UNREADABLE = "The agent answered with data this dashboard cannot read";

/**
 * Turns a poll failure into words. `since` is when the outage began (epoch ms). The BFF's own
 * messages are already written for people (and never carry upstream text), so they are shown as
 * they are, with "since …, retrying" where the dashboard keeps trying by itself.
 */
export function describeProblem(error: unknown, since: number | null): Problem {
  const at = since ? formatClock(since) : null;
  if (!isApiError(error)) return { kind: "other", text: `Something went wrong while loading: ${String(error)}` };
  switch (error.code) {
    case "agent_unreachable":
      return { kind: "unreachable", text: at ? `Agent unreachable since ${at}, retrying` : "Agent unreachable, retrying" };
    case "agent_timeout": {
      const what = error.message || "The agent did not answer in time";
      return { kind: "timeout", text: at ? `${what} (since ${at}), retrying` : `${what}, retrying` };
    }
    case "agent_bad_response":
      return { kind: "bad_response", text: error.message || UNREADABLE };
    case BAD_BODY:
      return { kind: "bad_response", text: `${UNREADABLE}: ${error.message}` };
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
