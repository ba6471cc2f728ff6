/**
 * The same frame with nothing to operate, for loading skeletons. Skeletons are server-rendered
 * loading boundaries: a server module that merely imports next/link or the theme toggle makes Next
 * ship their code again in a chunk of its own, so this file imports neither.
 */
export function ShellSkeleton({ children }: { children: React.ReactNode }) {
  return (
    <ShellFrame
      nav={
        <span className="flex shrink-0 items-center gap-2 font-semibold text-zinc-900 dark:text-zinc-50">
          <Brand />
        </span>
      }
      tools={<span className="inline-block h-9 w-24" />}
    >
      {children}
    </ShellFrame>
  );
}

export function Brand() {
  return (
    <>
      <span aria-hidden="true" className="inline-block size-3 rounded-full bg-sky-500" />
      Agent Deck
    </>
  );
}

export function ShellFrame({
  nav,
  tools,
  children,
}: {
  nav: React.ReactNode;
  tools: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <header
        data-app-header
        className="sticky top-0 z-30 border-b border-zinc-200 bg-white/90 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/90"
      >
        <div className="mx-auto flex min-h-12 max-w-[1800px] flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2">
          <nav aria-label="Breadcrumb" className="flex min-w-0 items-center gap-2 text-sm">
            {nav}
          </nav>
          <div className="ml-auto flex max-w-full min-w-0 flex-wrap items-center justify-end gap-2">{tools}</div>
        </div>
      </header>
      <main className="mx-auto max-w-[1800px] px-4 py-4">{children}</main>
    </div>
  );
}
