import { ShellSkeleton } from "@/components/ui/shell-frame";
import { Card } from "@/components/ui/card";
import { Busy, Skeleton, SkeletonLines } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <ShellSkeleton>
      <Busy label="Loading" className="space-y-4">
        <Card>
          <Skeleton className="mb-3 h-6 w-64" />
          <Skeleton className="h-2 w-full max-w-xl" />
        </Card>
        <Card>
          <SkeletonLines lines={6} />
        </Card>
      </Busy>
    </ShellSkeleton>
  );
}
