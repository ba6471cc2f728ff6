"use client";

import type { RunsSummary } from "@/lib/domain/summary";
import type { AgentClient, HistoryPoint } from "@/lib/client/types";
import { useTrendPoints } from "@/lib/client/snapshot/use-trend";
import { formatNumber, formatSpeed } from "@/lib/format";
import { ProgressBar } from "@/components/ui/progress-bar";
import { cn } from "@/components/ui/cn";
import { Sparkline } from "@/components/charts/sparkline";

export type TileData = {
  id: string;
  name: string;
  client: AgentClient | undefined;
  unreachable: boolean;
  /** The failure in two words ("Unreachable", "Deck unreachable": failureLabel). */
  failure?: string;
  /** The first runs with errors (the fleet's summary answer names a few, not every run). */
  errorRuns: { run_id: number; name: string }[] | undefined;
  summary: RunsSummary | undefined;
  trend: HistoryPoint[] | undefined;
};

function stateLine(t: TileData): { text: string; tone: string } {
  if (t.unreachable) return { text: t.failure ?? "Unreachable", tone: "text-red-400" };
  if (!t.client) return { text: "Loading…", tone: "text-zinc-400" };
  if (t.client.paused) return { text: "Paused", tone: "text-amber-300" };
  const s = t.client.server?.state;
  if (s && s !== "CONNECTED") return { text: s.replaceAll("_", " ").toLowerCase(), tone: "text-amber-300" };
  return { text: "Running", tone: "text-emerald-400" };
}

/** One agent on the fleet wall. */
export function AgentTile({ tile, pollMs }: { tile: TileData; pollMs: number }) {
  const st = stateLine(tile);
  const s = tile.summary;
  const failing = (tile.errorRuns ?? []).slice(0, 2);
  const points = useTrendPoints(tile.id, pollMs, tile.trend);
  return (
    <li
      className={cn(
        "flex flex-col gap-2 rounded-xl border-l-8 bg-zinc-900 px-4 py-3 lg:h-[284px] lg:px-6 lg:py-4",
        tile.unreachable || (s?.withErrors ?? 0) > 0
          ? "border-red-500"
          : tile.client?.paused
            ? "border-amber-400"
            : "border-emerald-500",
      )}
    >
      <div className="flex items-baseline justify-between gap-4">
        <h2 className="min-w-0 truncate text-2xl font-semibold lg:text-3xl">{tile.name}</h2>
        <p className={cn("shrink-0 text-xl font-medium lg:text-2xl", st.tone)}>{st.text}</p>
      </div>
      <div className="grid grid-cols-2 gap-3 text-zinc-400 sm:grid-cols-4">
        {[
          // Speeds are a reading of now: unknown while the agent (or its deck) does not answer.
          ["Down", s && !tile.unreachable ? formatSpeed(s.down) : "—"],
          ["Up", s && !tile.unreachable ? formatSpeed(s.up) : "—"],
          ["Active", formatNumber(s?.byGroup.active)],
          ["Errors", formatNumber(s?.withErrors)],
        ].map(([k, v]) => (
          <div key={k} className="min-w-0">
            <p className="text-base lg:text-xl">{k}</p>
            <p
              className={cn(
                "truncate text-xl font-semibold tabular-nums lg:text-2xl",
                k === "Errors" && s?.withErrors ? "text-red-400" : "text-zinc-100",
              )}
            >
              {v}
            </p>
          </div>
        ))}
      </div>
      <Sparkline points={points} label={`Throughput of ${tile.name}, last 15 minutes`} className="h-12 text-xl" />
      {s ? (
        <ProgressBar value={s.percent ?? 0} label={`Overall progress of ${tile.name}`} size="lg" tone="blue" />
      ) : (
        <div className="h-8" />
      )}
      <p className="truncate text-base text-red-300 lg:text-xl">
        {tile.unreachable
          ? tile.failure?.startsWith("Deck")
            ? "The hub cannot read this agent's deck, retrying"
            : "The dashboard cannot reach this agent, retrying"
          : failing.map((r) => r.name).join(" · ")}
      </p>
    </li>
  );
}
