"use client";

import { useCallback, useEffect, useRef } from "react";
import { useMutation, useQueryClient, type UseMutationOptions } from "@tanstack/react-query";
import type { ClientPatch, TagsPatch } from "@/lib/bff/contract";
import { agentPath, apiPatch, type ApiError } from "./api";
import { keys } from "./queries";

/*
 * Mutations. Each one waits for the refetch of what it changed before it settles, so a control
 * stays disabled until the screen shows the new state (no flicker back), and each accepts one
 * request at a time (no double submit). Other tabs of this browser are told about the change.
 */

/**
 * Tabs of one browser tell each other what they changed, so the others refetch at once rather than
 * at their next poll (tags poll only every 10 s). One channel object per tab: a channel does not
 * hear its own messages, so a tab never refetches twice for its own change.
 */
let changes: BroadcastChannel | null | undefined;
function changesChannel(): BroadcastChannel | null {
  changes ??= typeof BroadcastChannel === "function" ? new BroadcastChannel("agent-deck:changes") : null;
  return changes;
}

function announceChange(agentId: string): void {
  changesChannel()?.postMessage({ agentId });
}

/** Refetches an agent's data when another tab of this browser has changed it. */
export function useChangesFromOtherTabs(agentId: string): void {
  const qc = useQueryClient();
  useEffect(() => {
    const channel = changesChannel();
    if (!channel) return;
    const onMessage = (e: MessageEvent) => {
      if ((e.data as { agentId?: unknown } | null)?.agentId === agentId)
        void qc.invalidateQueries({ queryKey: keys.agent(agentId) });
    };
    channel.addEventListener("message", onMessage);
    return () => channel.removeEventListener("message", onMessage);
  }, [qc, agentId]);
}

/**
 * useMutation for one agent that ignores `mutate` while a request is in flight. The disabled
 * button is not enough: a double click or a repeated Enter arrives before React re-renders it.
 */
export function useAgentMutation<TVars>(agentId: string, options: UseMutationOptions<unknown, ApiError, TVars>) {
  const inFlight = useRef(false);
  const m = useMutation<unknown, ApiError, TVars>({
    ...options,
    onSettled: async (...args) => {
      try {
        await options.onSettled?.(...args);
      } finally {
        inFlight.current = false;
        // Even a failed call may have landed: let the other tabs look.
        announceChange(agentId);
      }
    },
  });
  const { mutate: send } = m;
  const mutate = useCallback<typeof send>(
    (...args) => {
      if (inFlight.current) return;
      inFlight.current = true;
      send(...args);
    },
    [send],
  );
  return { ...m, mutate };
}

function useClientPatch(agentId: string) {
  const qc = useQueryClient();
  return useAgentMutation<ClientPatch>(agentId, {
    mutationFn: (body) => apiPatch(agentPath(agentId, "client"), body),
    // The BFF answers once its collector has seen the change: the refetch shows it.
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.snapshot(agentId) }),
  });
}

export function usePauseAgent(agentId: string) {
  const m = useClientPatch(agentId);
  return {
    ...m,
    pause: (resumeTimerSeconds?: number) =>
      m.mutate(resumeTimerSeconds ? { paused: true, resumeTimer: resumeTimerSeconds } : { paused: true }),
  };
}

export function useResumeAgent(agentId: string) {
  const m = useClientPatch(agentId);
  return { ...m, resume: () => m.mutate({ paused: false }) };
}

export function useRestartAgent(agentId: string) {
  const qc = useQueryClient();
  return useAgentMutation<void>(agentId, {
    mutationFn: () => apiPatch(agentPath(agentId, "client"), { restart: true } satisfies ClientPatch),
    // Do not wait for a refetch here: the agent is expected to go away; the restart tracker watches.
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.snapshot(agentId) }),
  });
}

export function useSetTags(agentId: string) {
  const qc = useQueryClient();
  return useAgentMutation<TagsPatch>(agentId, {
    mutationFn: (body) => apiPatch(agentPath(agentId, "tags"), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.snapshot(agentId) }),
  });
}
