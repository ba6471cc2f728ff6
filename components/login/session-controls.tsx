"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { isApiError } from "@/lib/client/api";
import { sessionState, signOut } from "@/lib/client/session";
import { Button } from "@/components/ui/button";

/**
 * Sign out, and for an admin "sign out everywhere" (a lost laptop, a password shared too widely).
 * Shown only to a browser signed in with a session; both end the session on the server, so a
 * copied cookie stops working too, and then go to the sign-in page.
 */
export function SessionControls() {
  const state = useQuery({ queryKey: ["session"], queryFn: sessionState, staleTime: Infinity, retry: false });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!state.data?.signedIn) return null;

  const end = async (everywhere: boolean) => {
    if (
      everywhere &&
      !window.confirm("Sign out every browser and device signed in to this dashboard, this one included?")
    )
      return;
    setBusy(true);
    setError(null);
    try {
      await signOut(everywhere);
      // A full navigation, not a client-side one: nothing cached for the ended session survives it.
      window.location.replace(new URL("/login", window.location.href));
    } catch (err) {
      setError(isApiError(err) ? err.message : "Signing out failed. Try again.");
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button size="sm" variant="ghost" disabled={busy} onClick={() => void end(false)}>
        Sign out
      </Button>
      {state.data.role === "admin" && (
        <Button size="sm" variant="ghost" disabled={busy} onClick={() => void end(true)}>
          Sign out everywhere
        </Button>
      )}
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </div>
  );
}
