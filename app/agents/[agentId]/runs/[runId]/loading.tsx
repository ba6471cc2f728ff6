import { ShellSkeleton } from "@/components/ui/shell-frame";
import { Card } from "@/components/ui/card";
import { Skeleton, SkeletonLines } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <ShellSkeleton>
      <div className="space-y-4" aria-busy="true" aria-label="Loading">
        <Card>
          <Skeleton className="mb-3 h-6 w-64" />
          <Skeleton className="h-2 w-full max-w-xl" />
        </Card>
        <Card>
          <SkeletonLines lines={6} />
        </Card>
      </div>
    </ShellSkeleton>
  );
}
