import { cn } from "./cn";

/** One summary figure: a small label over a large value. */
export function Stat({
  label,
  value,
  hint,
  className,
}: {
  label: string;
  value: React.ReactNode;
  hint?: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("min-w-0", className)}>
      <dt className="truncate text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 truncate text-xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-50">{value}</dd>
      {hint && <dd className="truncate text-xs text-zinc-500 dark:text-zinc-400">{hint}</dd>}
    </div>
  );
}
