import { ShellSkeleton } from "@/components/ui/shell-frame";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { EventListSkeleton } from "./event-list-skeleton";

/** Shown while the activity page's code loads; the page's own layout, so nothing jumps. */
export function ActivitySkeleton() {
  return (
    <ShellSkeleton>
      <div className="space-y-4" aria-busy="true" aria-label="Loading">
        <Skeleton className="h-7 w-64" />
        <Card>
          <Skeleton className="mb-3 h-9 w-full max-w-2xl" />
          <EventListSkeleton rows={10} />
        </Card>
      </div>
    </ShellSkeleton>
  );
}
