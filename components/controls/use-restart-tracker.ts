"use client";

import { useCallback, useState } from "react";
import type { PollState } from "@/lib/client/outage";
import { useNow } from "@/lib/client/use-now";

export type RestartPhase = "idle" | "restarting" | "back";

/** How long an agent that never stops answering counts as "restarted" anyway. */
const ANSWERING_GRACE_MS = 10_000;
/** How long "Back online" stays on screen. */
const BACK_SHOWN_MS = 8_000;

/**
 * Follows a restart through the agent's status polls: "restarting" from the request until the agent
 * answers again after having gone away (or has kept answering for ~10 s, if it restarted between
 * two polls), then "back" for a few seconds. Derived from the query's timestamps, not effects.
 */
export function useRestartTracker(client: PollState) {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const now = useNow(1000);

  let phase: RestartPhase = "idle";
  let done = false;
  if (startedAt !== null) {
    const wentAway = client.errorUpdatedAt > startedAt;
    const backAt = wentAway
      ? client.dataUpdatedAt > client.errorUpdatedAt
        ? client.dataUpdatedAt
        : null
      : client.dataUpdatedAt > startedAt && now - startedAt >= ANSWERING_GRACE_MS
        ? startedAt + ANSWERING_GRACE_MS
        : null;
    if (backAt === null) phase = "restarting";
    else if (now - backAt < BACK_SHOWN_MS) phase = "back";
    else done = true;
  }
  // Forget a finished restart so a later, unrelated outage is not mistaken for it.
  if (done) setStartedAt(null);

  const begin = useCallback(() => setStartedAt(Date.now()), []);
  return { phase, begin };
}
