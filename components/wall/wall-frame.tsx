"use client";

import { useNow } from "@/lib/client/use-now";
import { useWakeLock } from "@/lib/client/use-wake-lock";
import { describeProblem, useOutages, type PollState } from "@/lib/client/outage";
import { formatClock, formatRelative } from "@/lib/format/time";
import { cn } from "@/components/ui/cn";

/**
 * The wall monitor frame: always dark, fills the screen without scrolling, large type readable from
 * a few metres, a clock and the data's age. Read-only by design: nothing here is clickable.
 */
export function WallFrame({
  title,
  updatedAt,
  problem,
  children,
}: {
  title: string;
  updatedAt: number;
  problem?: React.ReactNode;
  children: React.ReactNode;
}) {
  useWakeLock();
  const now = useNow(1000);
  return (
    <div className="dark fixed inset-0 flex flex-col gap-5 overflow-hidden bg-zinc-950 p-8 text-zinc-100 [color-scheme:dark]">
      <header className="flex items-end justify-between gap-8">
        <h1 className="min-w-0 truncate text-5xl font-semibold tracking-tight">{title}</h1>
        <div className="shrink-0 text-right">
          <p className="text-6xl font-semibold tabular-nums" aria-label="Current time">
            {now ? formatClock(now) : "--:--:--"}
          </p>
          <p className="mt-1 text-xl text-zinc-400">
            {updatedAt && now ? `updated ${formatRelative(updatedAt, Math.max(now, updatedAt))}` : "waiting for data…"}
          </p>
        </div>
      </header>
      {problem}
      <div className="min-h-0 flex-1">{children}</div>
    </div>
  );
}

/** The outage banner, wall-sized. */
export function WallProblem({ query, label }: { query: PollState; label?: string }) {
  const [outage] = useOutages([query]);
  if (!outage) return null;
  const p = describeProblem(outage.error, outage.since);
  return (
    <div
      role="alert"
      className="rounded-xl border-2 border-red-500 bg-red-950/70 px-6 py-4 text-3xl font-semibold text-red-100"
    >
      {label ? `${label}: ` : ""}
      {p.text}
      {query.dataUpdatedAt ? (
        <span className="ml-3 text-2xl font-normal text-red-200/80">· showing last known data</span>
      ) : null}
    </div>
  );
}

export function WallFigure({
  label,
  value,
  tone,
  className,
}: {
  label: string;
  value: React.ReactNode;
  tone?: "red" | "green" | "amber" | "sky";
  className?: string;
}) {
  const color = { red: "text-red-400", green: "text-emerald-400", amber: "text-amber-300", sky: "text-sky-300" };
  return (
    <div className={cn("min-w-0 rounded-xl bg-zinc-900 px-6 py-4", className)}>
      <dt className="truncate text-2xl text-zinc-400">{label}</dt>
      <dd className={cn("mt-1 truncate text-6xl font-semibold tabular-nums", tone && color[tone])}>{value}</dd>
    </div>
  );
}

/** PageIndicator's height (h-12), which paging lists keep free below their items. */
export const PAGE_INDICATOR_PX = 48;

/** Beyond this many pages a dot per page says nothing: a bar shows the position instead. */
const MAX_DOTS = 20;

/** "Page 2 of 5" with a dot per page (or a position bar when there are many), shown only when a list pages. */
export function PageIndicator({ page, pages }: { page: number; pages: number }) {
  if (pages <= 1) return null;
  return (
    <div className="flex h-12 shrink-0 items-center justify-center gap-3 text-xl text-zinc-400">
      {pages <= MAX_DOTS ? (
        Array.from({ length: pages }, (_, i) => (
          <span
            key={i}
            aria-hidden="true"
            className={cn("size-3 rounded-full", i === page ? "bg-zinc-200" : "bg-zinc-700")}
          />
        ))
      ) : (
        <span aria-hidden="true" className="relative h-3 w-80 overflow-hidden rounded-full bg-zinc-700">
          <span
            className="absolute inset-y-0 left-0 rounded-full bg-zinc-200"
            style={{ width: `${((page + 1) / pages) * 100}%` }}
          />
        </span>
      )}
      <span>
        Page {page + 1} of {pages}
      </span>
    </div>
  );
}
