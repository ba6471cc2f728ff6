import { cn } from "./cn";

export type Tone = "neutral" | "blue" | "green" | "amber" | "red" | "violet";

export const TONE_BADGE: Record<Tone, string> = {
  neutral: "bg-zinc-100 text-zinc-700 ring-zinc-300 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
  blue: "bg-sky-50 text-sky-800 ring-sky-200 dark:bg-sky-950 dark:text-sky-300 dark:ring-sky-900",
  green:
    "bg-emerald-50 text-emerald-800 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-900",
  amber: "bg-amber-50 text-amber-800 ring-amber-200 dark:bg-amber-950 dark:text-amber-300 dark:ring-amber-900",
  red: "bg-red-50 text-red-800 ring-red-200 dark:bg-red-950 dark:text-red-300 dark:ring-red-900",
  violet: "bg-violet-50 text-violet-800 ring-violet-200 dark:bg-violet-950 dark:text-violet-300 dark:ring-violet-900",
};

export function Badge({
  tone = "neutral",
  wrap = false,
  title,
  className,
  children,
}: {
  tone?: Tone;
  /** Wrap long words onto more lines instead of cutting them with an ellipsis. */
  wrap?: boolean;
  title?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <span
      title={title}
      className={cn(
        "inline-flex max-w-full items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset",
        wrap ? "whitespace-normal break-words" : "truncate",
        TONE_BADGE[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}
