import type { Metadata } from "next";
import { Suspense } from "react";
import { ActivityPage } from "@/components/activity/activity-page";
import { ActivitySkeleton } from "@/components/activity/activity-skeleton";

export const metadata: Metadata = { title: "Activity" };

/** Every agent's events in one list. */
export default function FleetActivityPage() {
  return (
    <Suspense fallback={<ActivitySkeleton />}>
      <ActivityPage />
    </Suspense>
  );
}
