"use client";

import { useState } from "react";
import { RUN_COLUMNS } from "./columns";

/**
 * Show or hide table columns; the choice is saved in localStorage by the caller. The checkboxes
 * exist only while the menu is open, so "Status" or "Type" name exactly one control (the filter)
 * the rest of the time.
 */
export function ColumnPicker({
  hidden,
  onChange,
}: {
  hidden: readonly string[];
  onChange: (hidden: string[]) => void;
}) {
  const [open, setOpen] = useState(false);
  const toggle = (id: string, show: boolean) => onChange(show ? hidden.filter((h) => h !== id) : [...hidden, id]);
  return (
    <details className="relative" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="flex h-9 cursor-pointer list-none items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-medium hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800">
        Columns{hidden.length ? ` (${RUN_COLUMNS.length - hidden.length}/${RUN_COLUMNS.length})` : ""}
      </summary>
      {open && (
        <fieldset className="absolute right-0 z-20 mt-1 w-52 rounded-md border border-zinc-200 bg-white p-2 shadow-lg dark:border-zinc-700 dark:bg-zinc-900">
          <legend className="sr-only">Visible columns</legend>
          {RUN_COLUMNS.map((c) => (
            <label
              key={c.id}
              className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              <input
                type="checkbox"
                className="accent-sky-600"
                checked={c.fixed || !hidden.includes(c.id)}
                disabled={c.fixed}
                onChange={(e) => toggle(c.id, e.target.checked)}
              />
              {c.header}
            </label>
          ))}
        </fieldset>
      )}
    </details>
  );
}
