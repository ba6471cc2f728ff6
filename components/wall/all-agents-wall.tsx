"use client";

import { useMemo, useRef } from "react";
import { useQuery } from "@tanstack/react-query";
import type { AgentSummary } from "@/lib/bff/contract";
import { agentQueries } from "@/lib/client/queries";
import { useFleet } from "@/lib/client/snapshot/use-agent";
import { displayName } from "@/lib/client/display-name";
import { usePollMs } from "@/lib/client/poll-interval";
import { failureLabel } from "@/lib/client/outage";
import { fleetPercent } from "@/lib/domain/summary";
import { useElementHeight, usePager } from "@/lib/client/use-pager";
import { useMediaQuery } from "@/lib/client/use-media-query";
import { formatNumber, formatPercent, formatSpeed } from "@/lib/format";
import { PAGE_INDICATOR_PX, PageIndicator, WALL_WIDE, WallFigure, WallFrame, WallProblem } from "./wall-frame";
import { AgentTile, type TileData } from "./agent-tile";

const TILE_GAP_PX = 16;
const TILE_PX = 284 + TILE_GAP_PX; // AgentTile's height plus the grid gap
const COLS = 3;

/** Every configured agent on one wall: fleet totals, then a tile per agent, paging when many. */
export function AllAgentsWall() {
  const pollMs = usePollMs();
  const agentsQ = useQuery(agentQueries.agents());
  const agents: AgentSummary[] = useMemo(() => agentsQ.data ?? [], [agentsQ.data]);
  const fleet = useFleet(pollMs);
  const parts = agents.map((a) => fleet.agents.find((f) => f.id === a.id));

  const tiles: TileData[] = agents.map((a, i) => {
    const p = parts[i];
    return {
      id: a.id,
      name: displayName(a.name, p?.client.data?.name, a.id),
      client: p?.client.data,
      unreachable: Boolean(p?.client.isError),
      failure: failureLabel(p?.client.error),
      errorRuns: p?.errorRuns,
      summary: p?.summary,
      trend: p?.trend,
    };
  });
  const totals = tiles.reduce(
    (t, x) => ({
      // The fleet's speeds now: an agent that does not answer adds none (its last ones are old news).
      down: t.down + (x.unreachable ? 0 : (x.summary?.down ?? 0)),
      up: t.up + (x.unreachable ? 0 : (x.summary?.up ?? 0)),
      active: t.active + (x.summary?.byGroup.active ?? 0),
      errors: t.errors + (x.summary?.withErrors ?? 0),
      reachable: t.reachable + (x.unreachable || !x.client ? 0 : 1),
    }),
    { down: 0, up: 0, active: 0, errors: 0, reachable: 0 },
  );
  const fleetData = fleet.query.data;
  const overall = useMemo(() => fleetPercent(fleetData?.agents.map((a) => a.view.summary) ?? []), [fleetData]);
  // Agents needing attention first: unreachable, then with errors, then the rest by name.
  const ordered = [...tiles].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));

  // A narrow screen shows every tile in one column and scrolls; a wall monitor pages.
  const wide = useMediaQuery(WALL_WIDE);
  const box = useRef<HTMLDivElement>(null);
  const height = useElementHeight(box);
  // Measured with the page indicator's room included, so the count does not depend on it showing.
  const fitAll = Math.floor((height + TILE_GAP_PX) / TILE_PX) * COLS;
  const perPage = Math.max(
    COLS,
    ordered.length <= fitAll ? fitAll : Math.floor((height - PAGE_INDICATOR_PX + TILE_GAP_PX) / TILE_PX) * COLS,
  );
  const { page, pages, start, end } = usePager(ordered.length, wide ? perPage : ordered.length);
  const measured = !wide || height > 0;
  const updatedAt = Math.min(
    ...fleet.agents.map((a) => a.client.dataUpdatedAt).filter(Boolean),
    Number.MAX_SAFE_INTEGER,
  );

  return (
    <WallFrame
      title="All agents"
      updatedAt={updatedAt === Number.MAX_SAFE_INTEGER ? 0 : updatedAt}
      problem={
        agentsQ.isError ? <WallProblem query={agentsQ} label="Agent list" /> : <WallProblem query={fleet.query} />
      }
    >
      <div className="flex h-full flex-col gap-5">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-[1fr_1.35fr_1.35fr_1fr_1fr_1fr] lg:gap-4">
          <WallFigure
            label="Agents online"
            value={`${totals.reachable} / ${agents.length}`}
            tone={totals.reachable < agents.length ? "red" : "green"}
          />
          <WallFigure label="Download" value={formatSpeed(totals.down)} tone="sky" />
          <WallFigure label="Upload" value={formatSpeed(totals.up)} tone="green" />
          <WallFigure label="Overall" value={formatPercent(overall)} />
          <WallFigure label="Active runs" value={formatNumber(totals.active)} tone="sky" />
          <WallFigure
            label="With errors"
            value={formatNumber(totals.errors)}
            tone={totals.errors ? "red" : undefined}
          />
        </dl>
        <div ref={box} className="flex min-h-0 flex-1 flex-col overflow-hidden">
          <ul className="grid min-h-0 flex-1 grid-cols-1 content-start gap-4 md:grid-cols-2 lg:grid-cols-3">
            {measured && ordered.slice(start, end).map((t) => <AgentTile key={t.id} tile={t} pollMs={pollMs} />)}
          </ul>
          {wide && height > 0 && <PageIndicator page={page} pages={pages} />}
        </div>
      </div>
    </WallFrame>
  );
}

function rank(t: TileData): number {
  if (t.unreachable) return 0;
  if ((t.summary?.withErrors ?? 0) > 0) return 1;
  return 2;
}
