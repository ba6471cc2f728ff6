"use client";

import { useNow } from "@/lib/client/use-now";
import { useWakeLock } from "@/lib/client/use-wake-lock";
import { describeProblem, useOutages, type PollState } from "@/lib/client/outage";
import { formatClock, formatRelative } from "@/lib/format/time";
import { cn } from "@/components/ui/cn";

/**
 * Where the wall's own layout starts: a monitor-sized screen. Below it (a phone, a narrow window) the
 * wall reflows into one column with smaller type and scrolls like any page, instead of cutting off
 * what does not fit (WCAG 1.4.10).
 */
export const WALL_WIDE = "(min-width: 1024px)";

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
    <div className="dark flex min-h-screen flex-col gap-4 bg-zinc-950 p-4 text-zinc-100 [color-scheme:dark] lg:fixed lg:inset-0 lg:gap-5 lg:overflow-hidden lg:p-8">
      <header className="flex flex-wrap items-end justify-between gap-x-8 gap-y-1">
        <h1 className="min-w-0 truncate text-3xl font-semibold tracking-tight lg:text-5xl">{title}</h1>
        <div className="shrink-0 text-right">
          <p role="timer" className="text-4xl font-semibold tabular-nums lg:text-6xl" aria-label="Current time">
            {now ? formatClock(now) : "--:--:--"}
          </p>
          <p className="mt-1 text-base text-zinc-400 lg:text-xl">
            {updatedAt && now ? `updated ${formatRelative(updatedAt, Math.max(now, updatedAt))}` : "waiting for data…"}
          </p>
        </div>
      </header>
      <main className="flex min-h-0 flex-1 flex-col gap-4 lg:gap-5">
        {problem}
        <div className="min-h-0 flex-1">{children}</div>
      </main>
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
      className="rounded-xl border-2 border-red-500 bg-red-950/70 px-4 py-3 text-xl font-semibold text-red-100 lg:px-6 lg:py-4 lg:text-3xl"
    >
      {label ? `${label}: ` : ""}
      {p.text}
      {query.dataUpdatedAt ? (
        <span className="ml-3 text-lg font-normal text-red-200 lg:text-2xl">· showing last known data</span>
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
    <div className={cn("min-w-0 rounded-xl bg-zinc-900 px-4 py-3 lg:px-6 lg:py-4", className)}>
      <dt className="truncate text-base text-zinc-400 lg:text-2xl">{label}</dt>
      <dd className={cn("mt-1 truncate text-3xl font-semibold tabular-nums lg:text-6xl", tone && color[tone])}>
        {value}
      </dd>
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
