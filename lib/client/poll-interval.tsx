"use client";

import { createContext, useContext } from "react";
import { DEFAULT_POLL_MS } from "./constants";

/**
 * The UI poll interval comes from the server's environment (UI_POLL_INTERVAL_MS), read by the root
 * layout and handed down once, so every query polls at the configured pace.
 */
const PollIntervalContext = createContext<number>(DEFAULT_POLL_MS);

export function PollIntervalProvider({ pollMs, children }: { pollMs: number; children: React.ReactNode }) {
  return <PollIntervalContext.Provider value={pollMs}>{children}</PollIntervalContext.Provider>;
}

export function usePollMs(): number {
  return useContext(PollIntervalContext);
}
