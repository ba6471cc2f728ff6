import * as z from "@/lib/agent-api/zod";
import {
  MaintenanceInputSchema,
  TagScheduleInputSchema,
  WeeklyInputSchema,
  type ScheduleInput,
} from "./contract-schedules";

/**
 * POST /api/agents/{agentId}/schedules and the result of a PATCH: one of the contract's three kinds,
 * chosen by `kind` (a wrong kind is one clear message, not every branch's). A module of its own that
 * no page imports: as a top-level schema in the shared contract it would ship its zod class with
 * every page (the browser checks a form with its kind's schema). The BFF and the OpenAPI document
 * read it from here.
 */
export const ScheduleInputSchema: z.ZodMiniType<ScheduleInput> = z.discriminatedUnion(
  "kind",
  [WeeklyInputSchema, MaintenanceInputSchema, TagScheduleInputSchema],
  { error: "kind must be weekly, maintenance or tag" },
);
