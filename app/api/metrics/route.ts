import { collectMetrics } from "@/lib/server/metrics-collect";
import { apiRoute } from "@/lib/server/route";

/** Prometheus text format. Reads through the single-flight cache: scrapes add no upstream load. */
export const GET = apiRoute({}, async ({ config }) => {
  const { text, contentType } = await collectMetrics(config);
  return new Response(text, { status: 200, headers: { "Content-Type": contentType } });
});
