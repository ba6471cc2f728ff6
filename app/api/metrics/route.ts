import { collectMetrics } from "@/lib/server/metrics-collect";
import { apiRoute } from "@/lib/server/route";

/** Prometheus text format, from the collectors' snapshots: a scrape adds no load on any agent. */
export const GET = apiRoute({}, async ({ config }) => {
  const { text, contentType } = await collectMetrics(config);
  return new Response(text, { status: 200, headers: { "Content-Type": contentType } });
});
