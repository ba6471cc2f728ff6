/**
 * What scripts/server-entry.cjs does before Next boots: the slot that says our entry is in front.
 * Unit tests call route handlers and proxy.ts directly, as the entry's server would after its front
 * door; requests that need a peer address carry the header the door writes (see tests/server/helpers).
 */
(globalThis as Record<symbol, unknown>)[Symbol.for("agent-deck.entry")] ??= { hooks: [] };
