"use client";

import { useNow } from "@/lib/client/use-now";
import { formatDateTime, formatRelative } from "@/lib/format/time";

/**
 * "12 s ago", kept current by its own ticking clock so the parent (e.g. a memoised table row)
 * need not re-render as time passes. `ms` is epoch milliseconds; falsy shows `fallback`.
 */
export function RelativeTime({
  ms,
  step = 1000,
  fallback = "never",
  className,
}: {
  ms: number | undefined;
  step?: number;
  fallback?: string;
  className?: string;
}) {
  const now = useNow(step);
  if (!ms) return <span className={className}>{fallback}</span>;
  // Until the clock is known on the client (hydration), show nothing rather than a wrong age.
  return (
    <time className={className} dateTime={new Date(ms).toISOString()} title={now ? formatDateTime(ms) : undefined}>
      {now ? formatRelative(ms, Math.max(now, Math.min(ms, now + step))) : "…"}
    </time>
  );
}
