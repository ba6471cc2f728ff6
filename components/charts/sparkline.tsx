import type { HistoryPoint } from "@/lib/client/types";
import { formatSpeed } from "@/lib/format/bytes";
import { cn } from "@/components/ui/cn";

const W = 300;
const H = 60;
const DEFAULT_WINDOW_MS = 15 * 60_000;

/** "x,y x,y …" in a W×H box: time runs over the window ending at the newest point, speed from 0 up. */
function coordinates(
  points: readonly HistoryPoint[],
  pick: (p: HistoryPoint) => number,
  start: number,
  windowMs: number,
  max: number,
): string {
  return points
    .map((p) => `${(((p.t - start) / windowMs) * W).toFixed(1)},${(H - (pick(p) / max) * (H - 2)).toFixed(1)}`)
    .join(" ");
}

/**
 * A small throughput trend (download filled, upload as a line) for overview cards and wall tiles.
 * Plain SVG: dozens of these on one wall cost nothing, unlike a charting library per tile.
 */
export function Sparkline({
  points,
  label,
  className,
  windowMs = DEFAULT_WINDOW_MS,
}: {
  points: readonly HistoryPoint[] | undefined;
  label: string;
  className?: string;
  windowMs?: number;
}) {
  const last = points?.at(-1);
  if (!points || !last || points.length < 2) {
    return (
      <div
        role="img"
        aria-label={`${label}: collecting data`}
        className={cn("flex items-center justify-center text-zinc-500 dark:text-zinc-400", className)}
      >
        <span aria-hidden="true">collecting data…</span>
      </div>
    );
  }
  const start = last.t - windowMs;
  const shown = points.filter((p) => p.t >= start);
  let max = 1024;
  for (const p of shown) max = Math.max(max, p.down, p.up);
  const down = coordinates(shown, (p) => p.down, start, windowMs, max);
  const up = coordinates(shown, (p) => p.up, start, windowMs, max);
  const firstX = (((shown[0]?.t ?? last.t) - start) / windowMs) * W;
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={`${label}: now ${formatSpeed(last.down)} down, ${formatSpeed(last.up)} up`}
      className={cn("block w-full overflow-visible", className)}
    >
      <line
        x1={0}
        y1={H - 0.5}
        x2={W}
        y2={H - 0.5}
        stroke="rgba(113,113,122,0.45)"
        strokeWidth={1}
        vectorEffect="non-scaling-stroke"
      />
      <polygon points={`${firstX.toFixed(1)},${H} ${down} ${W},${H}`} fill="rgba(14,165,233,0.18)" stroke="none" />
      <polyline
        data-series="down"
        points={down}
        fill="none"
        stroke="#0ea5e9"
        strokeWidth={2}
        vectorEffect="non-scaling-stroke"
        strokeLinejoin="round"
      />
      <polyline
        data-series="up"
        points={up}
        fill="none"
        stroke="#10b981"
        strokeWidth={2}
        vectorEffect="non-scaling-stroke"
        strokeLinejoin="round"
      />
    </svg>
  );
}
