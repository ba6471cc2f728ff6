import * as z from "@/lib/agent-api/zod";
import { AgentClientStatusSchema } from "@/lib/agent-api/client";
import { HistoryResponseSchema, type HistoryResponse } from "@/lib/bff/contract";

/**
 * Browser-side readers of the BFF's answers. The BFF validates already; reading again here keeps a
 * surprise (an older BFF, a proxy in between) from crashing a render: it becomes an error banner.
 */
export const AgentClientSchema = z.extend(AgentClientStatusSchema, {
  /** Epoch ms when a dashboard-set resume timer ends (the agent itself does not report it). */
  resumeAt: z.optional(z.number()),
});
export type AgentClient = z.output<typeof AgentClientSchema>;

export const HistorySchema = HistoryResponseSchema;
export type History = HistoryResponse;
export type HistoryPoint = History["points"][number];
