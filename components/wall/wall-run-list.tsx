"use client";

import { useRef } from "react";
import type { Run } from "@/lib/agent-api/runs";
import { runHasErrors, runPercent, statusGroup } from "@/lib/agent-api/status-groups";
import { useElementHeight, usePager } from "@/lib/client/use-pager";
import { formatEta, formatSpeed } from "@/lib/format";
import { ProgressBar } from "@/components/ui/progress-bar";
import { cn } from "@/components/ui/cn";
import { GROUP_TONE } from "@/components/runs/status-badge";
import { errorSummary } from "@/lib/format/error-text";
import { PAGE_INDICATOR_PX, PageIndicator } from "./wall-frame";

const ROW_GAP_PX = 8;
const ROW_PX = 88 + ROW_GAP_PX;

function WallRunRow({ run }: { run: Run }) {
  const failing = runHasErrors(run);
  const firstError = run.errors?.[0];
  return (
    <li
      className={cn(
        "grid h-[88px] grid-cols-[minmax(0,1fr)_24rem_12rem_13rem] items-center gap-6 rounded-xl border-l-8 bg-zinc-900 px-6",
        failing ? "border-red-500" : "border-sky-500",
      )}
    >
      <div className="min-w-0">
        <p className="truncate text-3xl font-medium">{run.name}</p>
        <p className={cn("truncate text-xl", failing ? "text-red-300" : "text-zinc-400")}>
          {run.status}
          {firstError !== undefined ? ` · ${errorSummary(firstError)}` : ""}
        </p>
      </div>
      <ProgressBar
        value={runPercent(run)}
        label={`Progress of ${run.name}`}
        tone={GROUP_TONE[statusGroup(run.status)]}
        size="lg"
      />
      <p className="truncate text-right text-3xl tabular-nums">
        {formatSpeed((run.down_speed ?? 0) + (run.up_speed ?? 0))}
      </p>
      <p className="truncate text-right text-3xl tabular-nums text-zinc-300">{formatEta(run.eta)}</p>
    </li>
  );
}

/** Runs that need eyes (errors, then active), as many as fit, paging every 10 s. */
export function WallRunList({ runs, emptyText }: { runs: Run[]; emptyText: string }) {
  const box = useRef<HTMLDivElement>(null);
  // The whole area, indicator included, so the count does not depend on whether it is showing.
  const height = useElementHeight(box);
  const fitAll = Math.floor((height + ROW_GAP_PX) / ROW_PX);
  const perPage = Math.max(
    1,
    runs.length <= fitAll ? fitAll : Math.floor((height - PAGE_INDICATOR_PX + ROW_GAP_PX) / ROW_PX),
  );
  const { page, pages, start, end } = usePager(runs.length, perPage);

  return (
    <div ref={box} className="flex h-full min-h-0 flex-col overflow-hidden">
      <div className="min-h-0 flex-1">
        {runs.length === 0 ? (
          <p className="pt-8 text-center text-3xl text-zinc-500">{emptyText}</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {height > 0 && runs.slice(start, end).map((r) => <WallRunRow key={r.run_id} run={r} />)}
          </ul>
        )}
      </div>
      {height > 0 && <PageIndicator page={page} pages={pages} />}
    </div>
  );
}
