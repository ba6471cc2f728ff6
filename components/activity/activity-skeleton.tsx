import { ShellSkeleton } from "@/components/ui/shell-frame";
import { Card } from "@/components/ui/card";
import { Busy, Skeleton } from "@/components/ui/skeleton";
import { EventListSkeleton } from "./event-list-skeleton";

/** Shown while the activity page's code loads; the page's own layout, so nothing jumps. */
export function ActivitySkeleton() {
  return (
    <ShellSkeleton>
      <Busy label="Loading" className="space-y-4">
        <Skeleton className="h-7 w-64" />
        <Card>
          <Skeleton className="mb-3 h-9 w-full max-w-2xl" />
          <EventListSkeleton rows={10} />
        </Card>
      </Busy>
    </ShellSkeleton>
  );
}
