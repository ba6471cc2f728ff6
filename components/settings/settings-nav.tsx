"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { SETTINGS_SECTIONS } from "./sections";

/** The settings sections as a list of links; the current one is marked for the eye and for screen readers. */
export function SettingsNav() {
  const path = usePathname();
  return (
    <nav aria-label="Settings" className="md:sticky md:top-16">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {SETTINGS_SECTIONS.map((s) => {
          const current = path === s.href || path.startsWith(`${s.href}/`);
          return (
            <li key={s.href}>
              <Link
                href={s.href}
                aria-current={current ? "page" : undefined}
                title={s.description}
                className={cn(
                  "block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap",
                  current
                    ? "bg-sky-50 text-sky-800 dark:bg-sky-950 dark:text-sky-300"
                    : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
                )}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
