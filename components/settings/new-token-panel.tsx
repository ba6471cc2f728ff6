"use client";

import { useEffect, useId, useRef } from "react";
import type { TokenCreated } from "@/lib/bff/contract";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/**
 * The new token, this once: the dashboard keeps only its hash, so once "Done" is pressed (or the
 * page left) nobody can show it again. Selected on focus, so copying works even where the
 * clipboard API does not (a plain-HTTP address other than this machine's is no secure context).
 */
export function NewTokenPanel({ created, onDone }: { created: TokenCreated; onDone: () => void }) {
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  const origin = typeof window === "undefined" ? "http://127.0.0.1:3841" : window.location.origin;

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950/40"
    >
      <h3 id={`${id}-title`} className="font-semibold text-emerald-900 dark:text-emerald-200">
        {`Token "${created.token.name}" created (${created.token.scope})`}
      </h3>
      <p className="text-sm text-emerald-900 dark:text-emerald-200">
        Copy it now: this is the only time it is shown. The dashboard keeps only a hash of it.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-token`} className="sr-only">
          The new API token
        </label>
        {/* A text area so a phone shows the whole token (43 characters do not fit one line at 390 px). */}
        <textarea
          ref={input}
          id={`${id}-token`}
          readOnly
          rows={2}
          value={created.secret}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          className="h-16 min-w-0 flex-1 resize-none rounded-md border border-zinc-300 bg-white px-2.5 py-2 font-mono text-sm leading-snug break-all text-zinc-900 md:h-9 md:py-1.5 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
        />
        <CopyButton text={created.secret} label="Copy the new API token" />
      </div>
      <p className="text-xs text-zinc-700 dark:text-zinc-300">Use it as a Bearer token, for example:</p>
      <pre className="overflow-x-auto rounded-md bg-white p-2 text-xs text-zinc-800 dark:bg-zinc-900 dark:text-zinc-200">
        {`curl -H "Authorization: Bearer ${created.token.prefix}…" ${origin}/api/agents`}
      </pre>
      <Button variant="primary" onClick={onDone}>
        Done, I have stored it
      </Button>
    </section>
  );
}
