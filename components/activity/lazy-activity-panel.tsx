"use client";

import dynamic from "next/dynamic";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { EventListSkeleton } from "./event-list-skeleton";

/**
 * The agent page's Activity panel loads just after first paint (its list, rows and feed are not
 * needed to show the agent's state), which keeps the page's first-load JavaScript within budget.
 * The placeholder is the panel's own shape, so nothing below it moves.
 */
export const ActivityPanel = dynamic(() => import("./activity-panel").then((m) => m.ActivityPanel), {
  ssr: false,
  loading: () => <ActivityPanelSkeleton />,
});

/** The Activity panel before its code or its events arrive (or before it comes near the screen). */
export function ActivityPanelSkeleton() {
  return (
    <Card className="h-full">
      <Skeleton className="mb-3 h-5 w-24" />
      <EventListSkeleton rows={8} />
    </Card>
  );
}
