import Link from "next/link";
import { ThemeToggle } from "./theme-toggle";

export type Crumb = { label: string; href?: string };

/** Page frame: brand, breadcrumbs, page actions, theme choice. */
export function AppShell({ crumbs = [], actions, children }: { crumbs?: Crumb[]; actions?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90">
        <div className="mx-auto flex min-h-12 max-w-[1800px] flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2">
          <nav aria-label="Breadcrumb" className="flex min-w-0 items-center gap-2 text-sm">
            <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold text-zinc-900 dark:text-zinc-50">
              <span aria-hidden="true" className="inline-block size-3 rounded-full bg-sky-500" />
              Agent Deck
            </Link>
            {crumbs.map((c, i) => (
              <span key={i} className="flex min-w-0 items-center gap-2">
                <span aria-hidden="true" className="text-zinc-400">
                  /
                </span>
                {c.href ? (
                  <Link href={c.href} className="truncate text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
                    {c.label}
                  </Link>
                ) : (
                  <span aria-current="page" className="truncate text-zinc-900 dark:text-zinc-100">
                    {c.label}
                  </span>
                )}
              </span>
            ))}
          </nav>
          <div className="ml-auto flex shrink-0 flex-wrap items-center justify-end gap-2">
            {actions}
            <ThemeToggle />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-[1800px] px-4 py-4">{children}</main>
    </div>
  );
}
