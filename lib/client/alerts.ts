import { queryOptions } from "@tanstack/react-query";
import {
  ChannelSchema,
  ChannelsResponseSchema,
  DeliveriesResponseSchema,
  IncidentsResponseSchema,
  RuleSchema,
  RulesResponseSchema,
  SnoozeSchema,
  TestResultSchema,
  type Channel,
  type Rule,
  type TestResult,
} from "@/lib/bff/contract-alerts";
import { apiDelete, apiGet, apiPatch, apiPost, apiPut } from "./api";
import { read } from "./decode";

/** The alert settings page's reads (polled: deliveries and incidents change by themselves) and changes. */
export const alertKeys = {
  all: ["alerts"] as const,
  channels: ["alerts", "channels"] as const,
  rules: ["alerts", "rules"] as const,
  deliveries: ["alerts", "deliveries"] as const,
  incidents: ["alerts", "incidents"] as const,
  snooze: ["alerts", "snooze"] as const,
};

const live = (pollMs: number) => ({ refetchInterval: pollMs, refetchIntervalInBackground: false, retry: false });

export const alertQueries = {
  channels: () =>
    queryOptions({
      queryKey: alertKeys.channels,
      queryFn: async ({ signal }) =>
        read(ChannelsResponseSchema, await apiGet("/api/alerts/channels", signal)).channels,
    }),
  rules: () =>
    queryOptions({
      queryKey: alertKeys.rules,
      queryFn: async ({ signal }) => read(RulesResponseSchema, await apiGet("/api/alerts/rules", signal)).rules,
    }),
  deliveries: (pollMs: number) =>
    queryOptions({
      queryKey: alertKeys.deliveries,
      queryFn: async ({ signal }) =>
        read(DeliveriesResponseSchema, await apiGet("/api/alerts/deliveries?limit=50", signal)).deliveries,
      ...live(pollMs),
    }),
  incidents: (pollMs: number) =>
    queryOptions({
      queryKey: alertKeys.incidents,
      queryFn: async ({ signal }) =>
        read(IncidentsResponseSchema, await apiGet("/api/alerts/incidents?limit=20", signal)).incidents,
      ...live(pollMs),
    }),
  snooze: (pollMs: number) =>
    queryOptions({
      queryKey: alertKeys.snooze,
      queryFn: async ({ signal }) => read(SnoozeSchema, await apiGet("/api/alerts/snooze", signal)),
      ...live(Math.max(pollMs, 10_000)),
    }),
};

const enc = encodeURIComponent;

export const alertChanges = {
  createChannel: async (body: unknown): Promise<Channel> =>
    read(ChannelSchema, await apiPost("/api/alerts/channels", body)),
  updateChannel: async (id: string, body: unknown): Promise<Channel> =>
    read(ChannelSchema, await apiPatch(`/api/alerts/channels/${enc(id)}`, body)),
  deleteChannel: (id: string) => apiDelete(`/api/alerts/channels/${enc(id)}`),
  testChannel: async (id: string): Promise<TestResult> =>
    read(TestResultSchema, await apiPost(`/api/alerts/channels/${enc(id)}/test`, {})),
  createRule: async (body: unknown): Promise<Rule> => read(RuleSchema, await apiPost("/api/alerts/rules", body)),
  updateRule: async (id: string, body: unknown): Promise<Rule> =>
    read(RuleSchema, await apiPatch(`/api/alerts/rules/${enc(id)}`, body)),
  deleteRule: (id: string) => apiDelete(`/api/alerts/rules/${enc(id)}`),
  snooze: (what: "1h" | "tomorrow") => apiPut("/api/alerts/snooze", { for: what }),
  unsnooze: () => apiDelete("/api/alerts/snooze"),
};
