"use client";

import { useStorageHealth } from "@/lib/client/storage-health";
import { formatClock } from "@/lib/format";

/**
 * One quiet line while the store cannot write (disk full, I/O error): live data is unaffected, so
 * this is a notice, not an alarm, and it goes by itself once writing resumes.
 */
export function StorageNotice() {
  const storage = useStorageHealth();
  if (storage?.state !== "failing") return null;
  return (
    <p
      role="status"
      className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950/60 dark:text-amber-200"
    >
      History and events are not being saved since {formatClock(storage.since)}: {storage.reason}. Live data is
      unaffected; saving resumes by itself.
    </p>
  );
}
