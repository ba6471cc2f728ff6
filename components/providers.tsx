"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { PollIntervalProvider } from "@/lib/client/poll-interval";
import { KeyboardShortcuts } from "@/components/keyboard/keyboard-shortcuts";

/**
 * React Query for the whole app. Defaults are conservative; the polling behaviour itself lives in
 * the queryOptions factories in lib/client/queries.ts.
 */
export function Providers({ pollMs, children }: { pollMs: number; children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { retry: false, refetchOnWindowFocus: true, structuralSharing: true },
          mutations: { retry: false },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <PollIntervalProvider pollMs={pollMs}>
        <KeyboardShortcuts>{children}</KeyboardShortcuts>
      </PollIntervalProvider>
    </QueryClientProvider>
  );
}
