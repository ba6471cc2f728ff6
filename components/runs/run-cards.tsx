"use client";

import { memo, useCallback, useEffect, useRef } from "react";
import Link from "next/link";
import { useVirtualizer } from "@tanstack/react-virtual";
import type { Run } from "@/lib/agent-api/runs";
import { runHasErrors, runPercent, statusGroup } from "@/lib/agent-api/status-groups";
import { formatEta, formatFraction, formatNumber, formatSizeFraction, formatSpeed } from "@/lib/format";
import { ProgressBar } from "@/components/ui/progress-bar";
import { RelativeTime } from "@/components/ui/relative-time";
import { cn } from "@/components/ui/cn";
import { runHref } from "./columns";
import { GROUP_TONE, StatusBadge } from "./status-badge";
import { FULL_RENDER_MAX } from "./run-row";

/** One run as a card: the same figures as a table row, laid out for a narrow screen. */
const RunCard = memo(function RunCard({ run, agentId, selected }: { run: Run; agentId: string; selected: boolean }) {
  const errors = run.errors?.length ?? 0;
  const fields: [string, React.ReactNode][] = [
    ["Type", run.type],
    ["Size", formatSizeFraction(run.size_completed, run.size_total)],
    ["Files", formatFraction(run.files_completed, run.files_total)],
    ["Down", formatSpeed(run.down_speed)],
    ["Up", formatSpeed(run.up_speed)],
    ["ETA", formatEta(run.eta)],
    [
      "Peers",
      `${formatNumber(run.peers_count)}${run.peers_count_proxied ? ` (+${formatNumber(run.peers_count_proxied)})` : ""}`,
    ],
    ["Permission", run.permission ?? "—"],
    ["Last synced", <RelativeTime key="ls" ms={run.last_synced ? run.last_synced * 1000 : undefined} step={5000} />],
    ["Errors", formatNumber(errors)],
  ];
  return (
    <article
      data-run-id={run.run_id}
      aria-current={selected || undefined}
      className={cn(
        "scroll-mt-28 scroll-mb-2 rounded-lg border bg-white p-3 dark:bg-zinc-900",
        runHasErrors(run) ? "border-red-300 dark:border-red-900" : "border-zinc-200 dark:border-zinc-800",
        selected && "bg-sky-50 outline-2 outline-offset-1 outline-sky-600 dark:bg-sky-950/60 dark:outline-sky-400",
      )}
    >
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <Link
            prefetch={false}
            href={runHref(agentId, run)}
            className="block truncate font-medium text-sky-700 hover:underline dark:text-sky-400"
          >
            {run.name || `Run ${run.run_id}`}
          </Link>
          {run.path && <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{run.path}</p>}
        </div>
        <StatusBadge status={run.status} />
      </div>
      <ProgressBar
        className="mt-2"
        value={runPercent(run)}
        label={`Progress of ${run.name}`}
        tone={GROUP_TONE[statusGroup(run.status)]}
      />
      <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
        {fields.map(([k, v]) => (
          <div key={k} className="flex min-w-0 justify-between gap-2">
            <dt className="text-zinc-500 dark:text-zinc-400">{k}</dt>
            <dd className="truncate text-right tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
});

type Props = {
  runs: readonly Run[];
  agentId: string;
  /** The run chosen with the keyboard (see useRunSelection); it comes into view at each move. */
  selection: { selectedId: number | null; index: number; seq: number };
};

/** Narrow screens: runs as a virtualised list of cards (measured, since cards vary in height). */
export function RunCards({ runs, agentId, selection }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  // Stable between polls that keep the list: a new key function makes the virtualizer re-measure all.
  const itemKey = useCallback((i: number) => runs[i]?.run_id ?? i, [runs]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: runs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 196,
    overscan: 4,
    gap: 8,
    getItemKey: itemKey,
  });
  const { seq, index, selectedId } = selection;
  const revealed = useRef(0);
  useEffect(() => {
    if (seq === revealed.current || index < 0) return;
    revealed.current = seq;
    // A long list draws the card once scrolled to it; then the page brings it out from under the header.
    if (runs.length > FULL_RENDER_MAX) virtualizer.scrollToIndex(index, { align: "auto" });
    requestAnimationFrame(() =>
      listRef.current?.querySelector(`[data-run-id="${selectedId}"]`)?.scrollIntoView({ block: "nearest" }),
    );
  }, [seq, index, selectedId, runs.length, virtualizer]);
  // Short lists render whole, like the table; long ones virtualise.
  if (runs.length <= FULL_RENDER_MAX) {
    return (
      <ul ref={listRef} aria-label={`Runs (${runs.length})`} className="flex flex-col gap-2">
        {runs.map((run) => (
          <li key={run.run_id}>
            <RunCard run={run} agentId={agentId} selected={run.run_id === selectedId} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div ref={scrollRef} className="max-h-[calc(100vh-8rem)] overflow-auto">
      <ul
        ref={listRef}
        aria-label={`Runs (${runs.length})`}
        className="relative"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((vi) => {
          const run = runs[vi.index];
          if (!run) return null;
          return (
            <li
              key={vi.key}
              data-index={vi.index}
              ref={virtualizer.measureElement}
              className="absolute top-0 left-0 w-full"
              style={{ transform: `translateY(${vi.start}px)` }}
            >
              <RunCard run={run} agentId={agentId} selected={run.run_id === selectedId} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
