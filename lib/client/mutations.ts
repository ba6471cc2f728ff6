"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ClientPatch, TagsPatch } from "@/lib/bff/contract";
import { agentPath, apiPatch, type ApiError } from "./api";
import { keys } from "./queries";

/**
 * Mutations. Each one waits for the refetch of what it changed before it settles, so a control
 * stays disabled until the screen shows the new state (no flicker back, no double submit).
 */
function useClientPatch(agentId: string) {
  const qc = useQueryClient();
  return useMutation<unknown, ApiError, ClientPatch>({
    mutationFn: (body) => apiPatch(agentPath(agentId, "client"), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.client(agentId) }),
    // Runs report "paused" while the agent is paused: refresh them too, without waiting.
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.runs(agentId) }),
  });
}

export function usePauseAgent(agentId: string) {
  const m = useClientPatch(agentId);
  return {
    ...m,
    pause: (resumeTimerSeconds?: number) => m.mutate(resumeTimerSeconds ? { paused: true, resumeTimer: resumeTimerSeconds } : { paused: true }),
  };
}

export function useResumeAgent(agentId: string) {
  const m = useClientPatch(agentId);
  return { ...m, resume: () => m.mutate({ paused: false }) };
}

export function useRestartAgent(agentId: string) {
  const qc = useQueryClient();
  return useMutation<unknown, ApiError, void>({
    mutationFn: () => apiPatch(agentPath(agentId, "client"), { restart: true } satisfies ClientPatch),
    // Do not wait for a refetch here: the agent is expected to go away; the restart tracker watches.
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.client(agentId) }),
  });
}

export function useSetTags(agentId: string) {
  const qc = useQueryClient();
  return useMutation<unknown, ApiError, TagsPatch>({
    mutationFn: (body) => apiPatch(agentPath(agentId, "tags"), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.tags(agentId) }),
  });
}
