import { queryOptions, useQuery } from "@tanstack/react-query";
import { HealthSchema } from "@/lib/bff/contract";
import { apiGet } from "./api";
import { read } from "./decode";

/**
 * Whether the dashboard can keep what it sees (the store's state in /api/health). Checked every
 * 30 s: a full disk is not an emergency to the viewer (live data carries on), so a quiet, slow check.
 * The health route never calls an agent, so this costs the agents nothing.
 */
const STORAGE_CHECK_MS = 30_000;

export const storageHealthQuery = () =>
  queryOptions({
    queryKey: ["health", "storage"] as const,
    queryFn: async ({ signal }) => read(HealthSchema, await apiGet("/api/health", signal)).storage,
    refetchInterval: STORAGE_CHECK_MS,
    refetchIntervalInBackground: true,
    staleTime: STORAGE_CHECK_MS - 1000,
    retry: false,
  });

export function useStorageHealth() {
  return useQuery(storageHealthQuery()).data;
}
