import { cn } from "./cn";
import type { Tone } from "./badge";

/*
 * Fills hold 3:1 against their track in both themes (WCAG 1.4.11, non-text contrast): the -500 shades
 * of Tailwind's palette do not against zinc-200 in light, so light uses darker ones.
 */
const FILL: Record<Tone, string> = {
  neutral: "bg-zinc-500 dark:bg-zinc-400",
  blue: "bg-sky-600 dark:bg-sky-500",
  green: "bg-emerald-700 dark:bg-emerald-500",
  amber: "bg-amber-700 dark:bg-amber-500",
  red: "bg-red-600 dark:bg-red-500",
  violet: "bg-violet-600 dark:bg-violet-400",
};

/**
 * An accessible progress bar. The fill is scaled with a transform rather than a width so an update
 * only recomposites (no layout), which keeps thousands of rows cheap to refresh.
 */
export function ProgressBar({
  value,
  label,
  tone = "blue",
  className,
  showText = true,
  text,
  size = "md",
}: {
  value: number;
  label: string;
  tone?: Tone;
  className?: string;
  showText?: boolean;
  text?: string;
  size?: "md" | "lg";
}) {
  const v = Math.max(0, Math.min(100, Number.isFinite(value) ? value : 0));
  const now = Math.round(v);
  // The visible figure never claims 100% before the run is really complete.
  const shown = v < 100 ? Math.min(99, now) : 100;
  return (
    <div className={cn("flex items-center gap-2", className)}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuenow={now}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuetext={`${shown}%`}
        className={cn(
          "relative min-w-12 flex-1 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800",
          size === "lg" ? "h-4" : "h-2",
        )}
      >
        <div
          className={cn("absolute inset-0 origin-left rounded-full", FILL[tone])}
          style={{ transform: `scaleX(${v / 100})` }}
        />
      </div>
      {showText && (
        <span
          className={cn(
            "shrink-0 text-right tabular-nums text-zinc-600 dark:text-zinc-400",
            size === "lg" ? "w-24 text-2xl" : "w-10 text-xs",
          )}
        >
          {text ?? `${shown}%`}
        </span>
      )}
    </div>
  );
}
