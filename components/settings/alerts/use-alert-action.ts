"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef, useState } from "react";
import { isApiError } from "@/lib/client/api";
import { alertKeys } from "@/lib/client/alerts";

/**
 * One change of the alert settings at a time: busy while it runs (a double click sends once), its
 * error in words (with the fields the server named), and every alert query refreshed after it.
 */
export function useAlertAction() {
  const qc = useQueryClient();
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields?: Record<string, string[]> } | null>(null);
  const run = useCallback(
    async <T>(action: () => Promise<T>): Promise<T | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setBusy(true);
      setError(null);
      try {
        return await action();
      } catch (err) {
        setError(
          isApiError(err)
            ? { message: err.message, ...(err.fields ? { fields: err.fields } : {}) }
            : { message: "The change could not be sent. Try again." },
        );
        return undefined;
      } finally {
        inFlight.current = false;
        setBusy(false);
        await qc.invalidateQueries({ queryKey: alertKeys.all });
      }
    },
    [qc],
  );
  return { run, busy, error, clearError: () => setError(null) };
}
