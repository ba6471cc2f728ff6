import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AgentIdSchema } from "@/lib/bff/contract";
import { canChange } from "@/components/request-info";
import { SchedulesPage } from "@/components/schedules/schedules-page";

export const metadata: Metadata = { title: "Schedules" };

export default async function AgentSchedulesPage({ params }: { params: Promise<{ agentId: string }> }) {
  const { agentId } = await params;
  if (!AgentIdSchema.safeParse(agentId).success) notFound();
  return <SchedulesPage agentId={agentId} canChange={await canChange()} />;
}
