import * as z from "@/lib/agent-api/zod";
import { BffClientStatusSchema, HistoryResponseSchema, type HistoryResponse } from "@/lib/bff/contract";

/*
 * Browser-side readers of the BFF's answers. The BFF validates already; reading again here keeps a
 * surprise (an older BFF, a proxy in between) from crashing a render: it becomes an error banner.
 */
/** The BFF's status: restartRequired a boolean (never the agent's string form), resumeAt when set here. */
export const AgentClientSchema = BffClientStatusSchema;
export type AgentClient = z.output<typeof AgentClientSchema>;

export const HistorySchema = HistoryResponseSchema;
export type History = HistoryResponse;
export type HistoryPoint = History["points"][number];
