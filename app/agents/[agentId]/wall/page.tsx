import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AgentIdSchema } from "@/lib/bff/contract";
import { AgentWall } from "@/components/wall/agent-wall";

export const metadata: Metadata = { title: "Wall" };

export default async function AgentWallPage({ params }: { params: Promise<{ agentId: string }> }) {
  const { agentId } = await params;
  if (!AgentIdSchema.safeParse(agentId).success) notFound();
  return <AgentWall agentId={agentId} />;
}
