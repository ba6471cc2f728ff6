"use client";

import { useRef } from "react";
import type { Run } from "@/lib/agent-api/runs";
import { runHasErrors, runPercent, statusGroup } from "@/lib/agent-api/status-groups";
import { useElementHeight, usePager } from "@/lib/client/use-pager";
import { useMediaQuery } from "@/lib/client/use-media-query";
import { formatEta, formatSpeed } from "@/lib/format";
import { ProgressBar } from "@/components/ui/progress-bar";
import { cn } from "@/components/ui/cn";
import { GROUP_TONE } from "@/components/runs/status-badge";
import { errorSummary } from "@/lib/format/error-text";
import { PAGE_INDICATOR_PX, PageIndicator, WALL_WIDE } from "./wall-frame";

const ROW_GAP_PX = 8;
const ROW_PX = 88 + ROW_GAP_PX;
/** On a narrow screen the list scrolls instead of paging; this many rows, then how many more. */
const NARROW_ROWS = 50;

function WallRunRow({ run }: { run: Run }) {
  const failing = runHasErrors(run);
  const firstError = run.errors?.[0];
  return (
    <li
      className={cn(
        "grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4 gap-y-2 rounded-xl border-l-8 bg-zinc-900 px-4 py-3",
        "lg:h-[88px] lg:grid-cols-[minmax(0,1fr)_24rem_12rem_13rem] lg:gap-6 lg:px-6 lg:py-0",
        failing ? "border-red-500" : "border-sky-500",
      )}
    >
      <div className="col-span-2 min-w-0 lg:col-span-1">
        <p className="truncate text-xl font-medium lg:text-3xl">{run.name}</p>
        <p className={cn("truncate text-base lg:text-xl", failing ? "text-red-300" : "text-zinc-400")}>
          {run.status}
          {firstError !== undefined ? ` · ${errorSummary(firstError)}` : ""}
        </p>
      </div>
      <ProgressBar
        value={runPercent(run)}
        label={`Progress of ${run.name}`}
        tone={GROUP_TONE[statusGroup(run.status)]}
        size="lg"
        className="col-span-2 lg:col-span-1"
      />
      <p className="truncate text-xl tabular-nums lg:text-right lg:text-3xl">
        {formatSpeed((run.down_speed ?? 0) + (run.up_speed ?? 0))}
      </p>
      <p className="truncate text-right text-xl tabular-nums text-zinc-300 lg:text-3xl">{formatEta(run.eta)}</p>
    </li>
  );
}

/** Runs that need eyes (errors, then active), as many as fit, paging every 10 s (on a narrow screen, scrolling). */
export function WallRunList({ runs, emptyText }: { runs: Run[]; emptyText: string }) {
  const wide = useMediaQuery(WALL_WIDE);
  const box = useRef<HTMLDivElement>(null);
  // The whole area, indicator included, so the count does not depend on whether it is showing.
  const height = useElementHeight(box);
  const fitAll = Math.floor((height + ROW_GAP_PX) / ROW_PX);
  const perPage = Math.max(
    1,
    runs.length <= fitAll ? fitAll : Math.floor((height - PAGE_INDICATOR_PX + ROW_GAP_PX) / ROW_PX),
  );
  const shown = wide ? runs.length : Math.min(runs.length, NARROW_ROWS);
  const { page, pages, start, end } = usePager(shown, wide ? perPage : NARROW_ROWS);
  const measured = !wide || height > 0;

  return (
    <div ref={box} className="flex h-full min-h-0 flex-col overflow-hidden">
      <div className="min-h-0 flex-1">
        {runs.length === 0 ? (
          <p className="pt-8 text-center text-xl text-zinc-400 lg:text-3xl">{emptyText}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {measured && runs.slice(start, end).map((r) => <WallRunRow key={r.run_id} run={r} />)}
          </ul>
        )}
        {!wide && runs.length > shown && (
          <p className="pt-3 text-center text-base text-zinc-400">and {runs.length - shown} more</p>
        )}
      </div>
      {wide && height > 0 && <PageIndicator page={page} pages={pages} />}
    </div>
  );
}
