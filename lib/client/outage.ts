"use client";

import { useState } from "react";
import { isApiError, NETWORK_ERROR, BAD_BODY } from "./api";
import { formatClock } from "@/lib/format/time";

/** The part of a React Query result that says whether polling is healthy. */
export type PollState = {
  error: unknown;
  isError: boolean;
  isFetching: boolean;
  dataUpdatedAt: number;
  errorUpdatedAt: number;
};

export type Problem = {
  kind:
    | "unreachable"
    | "timeout"
    | "bad_response"
    | "unsupported"
    | "network"
    | "not_found"
    | "unauthorized"
    | "deck_unreachable"
    | "deck_problem"
    | "other";
  /** One honest sentence for a banner. */
  text: string;
};

/** A run of failed polls since the last good one: when it began and the latest error. */
export type Outage = { dataAt: number; since: number; error: unknown };

/**
 * The outage after seeing `q`, given the one before. It begins at the first failed poll after the
 * last good one and lasts until an answer arrives. A query that never had data goes back to
 * "pending" (error cleared) while each retry is in flight; that is still the same outage, or the
 * banner would blink off at every poll and its "since" would move on.
 */
export function nextOutage(prev: Outage | null, q: PollState): Outage | null {
  if (q.isError) {
    if (!prev || prev.dataAt !== q.dataUpdatedAt)
      return { dataAt: q.dataUpdatedAt, since: q.errorUpdatedAt, error: q.error };
    return prev.error === q.error ? prev : { ...prev, error: q.error };
  }
  return prev && q.isFetching && prev.dataAt === q.dataUpdatedAt ? prev : null;
}

/**
 * The outage of each query, kept in one state so it survives whichever banner is on screen. State
 * is adjusted during render from the query results, not in an effect.
 */
export function useOutages(queries: PollState[]): (Outage | null)[] {
  const [kept, setKept] = useState<(Outage | null)[]>([]);
  const next = queries.map((q, i) => nextOutage(kept[i] ?? null, q));
  if (next.length !== kept.length || next.some((o, i) => o !== kept[i])) setKept(next);
  return next;
}

/** The earliest start among the outages in progress: when the page first saw a failure. */
export function outageSince(outages: (Outage | null)[]): number | null {
  const starts = outages.flatMap((o) => (o ? [o.since] : []));
  return starts.length ? Math.min(...starts) : null;
}

/**
 * What a part (runs, tags) says when the agent lacks it (an older version): panels show this in
 * place of their content, rather than waiting for data that will not come.
 */
export function unsupportedText(part: PollState): string | undefined {
  return part.isError && isApiError(part.error) && part.error.code === "agent_unsupported"
    ? part.error.message
    : undefined;
}

/** The agent is behind another Agent Deck that does not answer (on a hub): that deck, not the agent, is down. */
export function deckDown(error: unknown): boolean {
  return isApiError(error) && (error.code === "deck_unreachable" || error.code === "deck_timeout");
}

/** A failing agent's state in two words (a card's badge, a wall tile): its deck's failure told apart from its own. */
export function failureLabel(error: unknown): string {
  if (deckDown(error)) return "Deck unreachable";
  if (isApiError(error) && error.code === "deck_refused") return "Deck refused";
  if (isApiError(error) && error.code === "deck_bad_response") return "Deck error";
  return "Unreachable";
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
      return {
        kind: "unreachable",
        text: at ? `Agent unreachable since ${at}, retrying` : "Agent unreachable, retrying",
      };
    case "agent_timeout": {
      const what = error.message || "The agent did not answer in time";
      return { kind: "timeout", text: at ? `${what} (since ${at}), retrying` : `${what}, retrying` };
    }
    case "agent_bad_response":
      return { kind: "bad_response", text: error.message || UNREADABLE };
    // An older agent, or its API turned off: the server's sentence says which and what to do. Not
    // "retrying": waiting will not fix it, though the page does heal once the agent is updated.
    case "agent_unsupported":
      return { kind: "unsupported", text: error.message || "The agent does not offer what this page needs." };
    // An agent behind another Agent Deck (on a hub): that deck, not the agent, is what failed.
    case "deck_unreachable":
    case "deck_timeout":
      return {
        kind: "deck_unreachable",
        text: at
          ? `Deck unreachable since ${at}, retrying: ${error.message}`
          : `Deck unreachable, retrying: ${error.message}`,
      };
    case "deck_bad_response":
    case "deck_refused":
      return { kind: "deck_problem", text: error.message };
    case BAD_BODY:
      return { kind: "bad_response", text: `${UNREADABLE}: ${error.message}` };
    case NETWORK_ERROR:
      return {
        kind: "network",
        text: at
          ? `The dashboard server is not answering since ${at}, retrying`
          : "The dashboard server is not answering, retrying",
      };
    case "not_found":
      return { kind: "not_found", text: error.message || "Not found." };
    case "unauthorized":
      return { kind: "unauthorized", text: "Your session has ended. Sign in again to continue." };
    default:
      return { kind: "other", text: `The dashboard could not load this: ${error.message}` };
  }
}
