import type { DetectedEvent, PollView } from "./events";

/**
 * What a hub records itself about an agent behind another Agent Deck: only whether that deck
 * answers. Everything about the agent (runs, pauses, its own outages) is in the deck's log, which
 * the hub copies; the deck going away and coming back is what only the hub sees.
 */
const deckProblem = (v: PollView) => {
  const error = v.status.error ?? v.runs.error;
  return error && error.code.startsWith("deck_") ? error : undefined;
};

export function deckEvents(prev: PollView, next: PollView): DetectedEvent[] {
  const was = deckProblem(prev);
  const now = deckProblem(next);
  if (now && now.code !== was?.code) {
    const away = now.code === "deck_unreachable" || now.code === "deck_timeout";
    return [
      {
        kind: "deck_unreachable",
        severity: away ? "error" : "warning",
        message: away
          ? `The Agent Deck that watches this agent cannot be reached: ${now.message}`
          : `The Agent Deck that watches this agent answers, but not usefully: ${now.message}`,
        ...(was ? { from: was.code } : {}),
        to: now.code,
      },
    ];
  }
  if (was && !now && next.polledAt > 0)
    return [
      {
        kind: "deck_reachable",
        severity: "info",
        message: "The Agent Deck that watches this agent answers again",
        from: was.code,
      },
    ];
  return [];
}
