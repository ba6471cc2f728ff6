import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { AgentIdSchema } from "@/lib/bff/contract";
import { AgentActivity } from "@/components/activity/agent-activity";
import { ActivitySkeleton } from "@/components/activity/activity-skeleton";

export const metadata: Metadata = { title: "Activity" };

export default async function AgentActivityPage({ params }: { params: Promise<{ agentId: string }> }) {
  const { agentId } = await params;
  if (!AgentIdSchema.safeParse(agentId).success) notFound();
  return (
    // The filters (useSearchParams) need a Suspense boundary above them.
    <Suspense fallback={<ActivitySkeleton />}>
      <AgentActivity agentId={agentId} />
    </Suspense>
  );
}
