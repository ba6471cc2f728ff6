"use client";

import Link from "next/link";
import { Button } from "./button";

/** Body of an error.tsx boundary: what happened, a retry, and a way home. Never a blank page. */
export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg px-4 py-16 text-center">
      <h1 className="text-xl font-semibold">This page hit an unexpected error</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        The dashboard could not draw this view. Your agent is not affected. Try again; if it keeps happening, reload the page.
      </p>
      <p className="mt-2 font-mono text-xs break-all text-zinc-500">
        {error.message}
        {error.digest ? ` (ref ${error.digest})` : ""}
      </p>
      <div className="mt-4 flex justify-center gap-2">
        <Button variant="primary" onClick={reset}>
          Try again
        </Button>
        <Link href="/" className="inline-flex h-9 items-center rounded-md px-3.5 text-sm font-medium text-sky-700 hover:underline dark:text-sky-400">
          All agents
        </Link>
      </div>
    </div>
  );
}
