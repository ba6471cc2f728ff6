"use client";

import { cn } from "./cn";

/** A row of buttons choosing one of a few values (theme, chart range); the pressed one is the choice. */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  labelOf = (v) => v,
}: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  labelOf?: (value: T) => string;
}) {
  return (
    <div
      role="group"
      aria-label={label}
      className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700"
    >
      {options.map((o) => (
        <button
          key={o}
          type="button"
          aria-pressed={value === o}
          onClick={() => onChange(o)}
          className={cn(
            "rounded px-2 py-0.5 text-xs font-medium tabular-nums focus-visible:outline-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400",
            value === o
              ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-50"
              : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
          )}
        >
          {labelOf(o)}
        </button>
      ))}
    </div>
  );
}
