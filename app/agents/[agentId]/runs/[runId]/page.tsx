import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AgentIdSchema, RunIdSchema } from "@/lib/bff/contract";
import { RunDetail } from "@/components/runs/run-detail";

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ agentId: string; runId: string }> }) {
  const { agentId, runId } = await params;
  if (!AgentIdSchema.safeParse(agentId).success || !RunIdSchema.safeParse(runId).success) notFound();
  return <RunDetail agentId={agentId} runId={runId} />;
}
