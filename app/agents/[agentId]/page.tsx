import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { AgentIdSchema } from "@/lib/bff/contract";
import { agentSeed, canChange } from "@/components/request-info";
import { AgentDashboard } from "@/components/status/agent-dashboard";
import { DashboardSkeleton } from "@/components/status/dashboard-skeleton";

export const metadata: Metadata = { title: "Agent" };

export default async function AgentPage({ params }: { params: Promise<{ agentId: string }> }) {
  const { agentId } = await params;
  if (!AgentIdSchema.safeParse(agentId).success) notFound();
  return (
    // useSearchParams (the runs view) needs a Suspense boundary above it.
    <Suspense fallback={<DashboardSkeleton />}>
      <AgentDashboard agentId={agentId} canChange={await canChange()} seed={await agentSeed(agentId)} />
    </Suspense>
  );
}
