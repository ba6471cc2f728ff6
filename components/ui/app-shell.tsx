import Link from "next/link";
import { Brand, ShellFrame } from "./shell-frame";
import { ThemeToggle } from "./theme-toggle";
import { SessionControls } from "@/components/login/session-controls";
import { StorageNotice } from "./storage-notice";

export type Crumb = { label: string; href?: string };

/** Page frame: brand, breadcrumbs, page actions, theme choice, sign-out. */
export function AppShell({
  crumbs = [],
  actions,
  children,
}: {
  crumbs?: Crumb[];
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <ShellFrame
      nav={
        <>
          {/* The frame's links do not prefetch: every page would fetch the overview and its crumbs'
              pages while it loads, for a click that may never come (the server is local and fast). */}
          <Link
            prefetch={false}
            href="/"
            className="flex shrink-0 items-center gap-2 font-semibold text-zinc-900 dark:text-zinc-50"
          >
            <Brand />
          </Link>
          {crumbs.map((c, i) => (
            <span key={i} className="flex min-w-0 items-center gap-2">
              <span aria-hidden="true" className="text-zinc-400">
                /
              </span>
              {c.href ? (
                <Link
                  prefetch={false}
                  href={c.href}
                  className="truncate text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
                >
                  {c.label}
                </Link>
              ) : (
                <span aria-current="page" className="truncate text-zinc-900 dark:text-zinc-100">
                  {c.label}
                </span>
              )}
            </span>
          ))}
        </>
      }
      tools={
        <>
          {actions}
          <Link
            href="/settings/alerts"
            className="rounded-md px-2 py-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            Settings
          </Link>
          <ThemeToggle />
          <SessionControls />
        </>
      }
    >
      <StorageNotice />
      {children}
    </ShellFrame>
  );
}
