"use client";

import { queryOptions, useQueryClient } from "@tanstack/react-query";
import {
  ScheduleDeletedSchema,
  ScheduleResponseSchema,
  SchedulesResponseSchema,
  type ScheduleInput,
  type SchedulePatch,
  type SchedulesResponse,
} from "@/lib/bff/contract-schedules";
import { agentPath, apiDelete, apiGet, apiPatch, apiPost } from "./api";
import { read } from "./decode";
import { useAgentMutation } from "./mutations";
import { polling, keys } from "./queries";

/** An agent's schedules: under the agent's key, so a change from another tab refetches them too. */
export const scheduleKey = (agentId: string) => ["agent", agentId, "schedules"] as const;

/**
 * What the schedules say changes at window boundaries, which the page cannot know ahead: polled
 * every few seconds (never more often than the page polls), and at once when the agent's paused
 * state changes (see ScheduleRow). Cheap: the BFF answers from its own memory, never from the agent.
 */
const SCHEDULES_POLL_MS = 5_000;

export const scheduleQueries = {
  list: (agentId: string, pollMs: number) =>
    queryOptions({
      queryKey: scheduleKey(agentId),
      queryFn: async ({ signal }): Promise<SchedulesResponse> =>
        read(SchedulesResponseSchema, await apiGet(agentPath(agentId, "schedules"), signal)),
      ...polling(pollMs, Math.max(pollMs, SCHEDULES_POLL_MS)),
    }),
};

/** Every change answers with the agent's state after it was applied: the list and the snapshot are read again. */
function useScheduleMutation<TVars>(agentId: string, send: (vars: TVars) => Promise<unknown>) {
  const qc = useQueryClient();
  return useAgentMutation<TVars>(agentId, {
    mutationFn: send,
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: scheduleKey(agentId) }),
        qc.invalidateQueries({ queryKey: keys.snapshot(agentId) }),
      ]),
  });
}

export function useAddSchedule(agentId: string) {
  return useScheduleMutation<ScheduleInput>(agentId, async (body) =>
    read(ScheduleResponseSchema, await apiPost(agentPath(agentId, "schedules"), body)),
  );
}

export function useUpdateSchedule(agentId: string) {
  return useScheduleMutation<{ id: number; patch: SchedulePatch }>(agentId, async ({ id, patch }) =>
    read(ScheduleResponseSchema, await apiPatch(agentPath(agentId, "schedules", id), patch)),
  );
}

export function useDeleteSchedule(agentId: string) {
  return useScheduleMutation<number>(agentId, async (id) =>
    read(ScheduleDeletedSchema, await apiDelete(agentPath(agentId, "schedules", id))),
  );
}
