import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AgentIdSchema, RunIdSchema } from "@/lib/bff/contract";
import { Suspense } from "react";
import { RunDetail } from "@/components/runs/run-detail";
import Loading from "./loading";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ agentId: string; runId: string }> }) {
  const { agentId, runId } = await params;
  if (!AgentIdSchema.safeParse(agentId).success || !RunIdSchema.safeParse(runId).success) notFound();
  return (
    // The chart's range (useSearchParams) needs a Suspense boundary above it.
    <Suspense fallback={<Loading />}>
      <RunDetail agentId={agentId} runId={runId} />
    </Suspense>
  );
}
