"use client";

import { useId, useMemo } from "react";
import { WEEKDAYS, type Weekday } from "@/lib/bff/contract-schedules";
import { DAY_NAME } from "@/lib/domain/schedule-text";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";

/** A checkbox with its label and an optional line of explanation. */
export function Check({
  label,
  checked,
  onChange,
  hint,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="flex items-start gap-2">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-4 shrink-0 accent-sky-600"
      />
      <label htmlFor={id} className="text-sm">
        {label}
        {hint && (
          <span id={`${id}-hint`} className="block text-xs text-zinc-500 dark:text-zinc-400">
            {hint}
          </span>
        )}
      </label>
    </div>
  );
}

const PRESETS: { label: string; days: Weekday[] }[] = [
  { label: "Weekdays", days: ["mon", "tue", "wed", "thu", "fri"] },
  { label: "Weekend", days: ["sat", "sun"] },
  { label: "Every day", days: [...WEEKDAYS] },
];

/** The days of a weekly window: seven toggle buttons (pressed = chosen) and three presets. */
export function DayPicker({
  days,
  onChange,
  error,
}: {
  days: Weekday[];
  onChange: (days: Weekday[]) => void;
  error?: string;
}) {
  const id = useId();
  const toggle = (d: Weekday) =>
    onChange(days.includes(d) ? days.filter((x) => x !== d) : WEEKDAYS.filter((x) => x === d || days.includes(x)));
  return (
    <div className="flex flex-col gap-1">
      <span id={id} className="text-xs font-medium text-zinc-600 dark:text-zinc-400">
        Days
      </span>
      <div
        role="group"
        aria-labelledby={id}
        aria-describedby={error ? `${id}-error` : undefined}
        className="grid w-full max-w-xs grid-cols-7 gap-1"
      >
        {WEEKDAYS.map((d) => (
          <button
            key={d}
            type="button"
            aria-pressed={days.includes(d)}
            onClick={() => toggle(d)}
            className={cn(
              "h-8 rounded-md border text-xs font-medium focus-visible:outline-2 focus-visible:outline-sky-500",
              days.includes(d)
                ? "border-sky-600 bg-sky-600 text-white dark:border-sky-500 dark:bg-sky-500 dark:text-zinc-950"
                : "border-zinc-300 text-zinc-700 hover:bg-zinc-50 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800",
            )}
          >
            {DAY_NAME[d]}
          </button>
        ))}
      </div>
      <div className="flex flex-wrap gap-x-3 text-xs">
        {PRESETS.map((p) => (
          <button
            key={p.label}
            type="button"
            onClick={() => onChange(p.days)}
            className="text-sky-700 hover:underline dark:text-sky-400"
          >
            {p.label}
          </button>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** The zone a weekly window or a cron is read in: empty for the dashboard's own, with the IANA names offered. */
export function ZoneField({
  value,
  onChange,
  error,
  dashboardZone,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
  dashboardZone: string;
}) {
  const listId = useId();
  const zones = useMemo(() => {
    try {
      return Intl.supportedValuesOf("timeZone");
    } catch {
      return [];
    }
  }, []);
  return (
    <>
      <Field
        label="Time zone"
        value={value}
        onChange={onChange}
        error={error}
        list={listId}
        placeholder={dashboardZone}
        hint={`Empty: the dashboard's zone (${dashboardZone}), daylight saving included`}
      />
      <datalist id={listId}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </>
  );
}
