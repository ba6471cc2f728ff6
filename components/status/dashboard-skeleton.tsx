import { ShellSkeleton } from "@/components/ui/shell-frame";
import { Card } from "@/components/ui/card";
import { Busy, Skeleton, SkeletonLines } from "@/components/ui/skeleton";

/** Shown while a page's code loads; mirrors the dashboard's layout so nothing jumps. */
export function DashboardSkeleton() {
  return (
    <ShellSkeleton>
      <Busy label="Loading" className="space-y-4">
        <div className="grid gap-4 lg:grid-cols-5">
          <Card className="lg:col-span-3">
            <Skeleton className="mb-4 h-6 w-48" />
            <SkeletonLines lines={5} />
          </Card>
          <Card className="lg:col-span-2">
            <SkeletonLines lines={5} />
          </Card>
        </div>
        <Card>
          <Skeleton className="h-48 w-full" />
        </Card>
        <Card>
          <SkeletonLines lines={8} />
        </Card>
      </Busy>
    </ShellSkeleton>
  );
}
