"use client";

import { THEMES, useTheme, type Theme } from "@/lib/client/theme";
import { cn } from "./cn";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

/** System / Light / Dark, persisted in localStorage and applied before paint by the layout script. */
export function ThemeToggle() {
  const [theme, setTheme] = useTheme();
  return (
    <div role="group" aria-label="Colour theme" className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700">
      {THEMES.map((t) => (
        <button
          key={t}
          type="button"
          aria-pressed={theme === t}
          onClick={() => setTheme(t)}
          className={cn(
            "rounded px-2 py-0.5 text-xs font-medium focus-visible:outline-2 focus-visible:outline-sky-500",
            theme === t ? "bg-zinc-200 text-zinc-900 dark:bg-zinc-700 dark:text-zinc-50" : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
          )}
        >
          {LABELS[t]}
        </button>
      ))}
    </div>
  );
}
