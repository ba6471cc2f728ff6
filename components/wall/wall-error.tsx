"use client";

import { useEffect } from "react";

/**
 * A wall has nobody at the keyboard, and no controls: after an unexpected render error it says so
 * and retries by itself.
 */
export function WallError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    const id = window.setTimeout(reset, 15_000);
    return () => window.clearTimeout(id);
  }, [reset]);
  return (
    <div
      role="alert"
      className="dark fixed inset-0 flex flex-col items-center justify-center gap-4 bg-zinc-950 p-8 text-center text-zinc-100"
    >
      <p className="text-5xl font-semibold">The wall view hit an unexpected error</p>
      <p className="text-2xl text-zinc-400">Retrying in a few seconds…</p>
      <p className="font-mono text-lg text-zinc-400">{error.message}</p>
    </div>
  );
}
