/**
 * What the browser tab says about an agent at a glance: its title and favicon colour. Pure
 * functions here (tested); the hook that applies them lives in use-document-status.ts.
 */
export type TabState = "loading" | "unreachable" | "errors" | "paused" | "active" | "idle";

export type TabStatus = { name: string; state: TabState; percent?: number; errors?: number };

export const FAVICON_COLOR: Record<TabState, string> = {
  loading: "#a1a1aa",
  unreachable: "#dc2626",
  errors: "#dc2626",
  paused: "#f59e0b",
  active: "#0ea5e9",
  idle: "#10b981",
};

export function tabState(input: {
  unreachable: boolean;
  errors: number;
  paused: boolean | undefined;
  active: number;
  loaded: boolean;
}): TabState {
  if (input.unreachable) return "unreachable";
  if (!input.loaded) return "loading";
  if (input.errors > 0) return "errors";
  if (input.paused) return "paused";
  if (input.active > 0) return "active";
  return "idle";
}

/** "▶ 63% · Office PC — Agent Deck", "⏸ Paused · …", "⚠ 2 errors · …", "⚠ Unreachable · …". */
export function documentTitle(s: TabStatus): string {
  const tail = `${s.name} — Agent Deck`;
  switch (s.state) {
    case "unreachable":
      return `⚠ Unreachable · ${tail}`;
    case "errors":
      return `⚠ ${s.errors ?? 0} ${s.errors === 1 ? "error" : "errors"} · ${tail}`;
    case "paused":
      return `⏸ Paused · ${tail}`;
    case "active":
      return s.percent !== undefined ? `▶ ${Math.floor(s.percent)}% · ${tail}` : `▶ ${tail}`;
    case "idle":
      return `✓ ${tail}`;
    default:
      return tail;
  }
}
