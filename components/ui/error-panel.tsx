"use client";

import { Button } from "./button";

/**
 * Body of an error.tsx boundary: what happened, a retry, and a way home. Never a blank page. The way
 * home is a plain link: a full load starts the app afresh after an error, and error boundaries are
 * part of every page's first load, where next/link would add its code once more.
 */
export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">This page hit an unexpected error</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        The dashboard could not draw this view. Your agent is not affected. Try again; if it keeps happening, reload the
        page.
      </p>
      <p className="mt-2 font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">
        {error.message}
        {error.digest ? ` (ref ${error.digest})` : ""}
      </p>
      <div className="mt-4 flex justify-center gap-2">
        <Button variant="primary" onClick={reset}>
          Try again
        </Button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load on purpose: see above */}
        <a
          href="/"
          className="inline-flex h-9 items-center rounded-md px-3.5 text-sm font-medium text-sky-700 hover:underline dark:text-sky-400"
        >
          All agents
        </a>
      </div>
    </div>
  );
}
