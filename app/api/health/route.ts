import { HealthSchema } from "@/lib/bff/contract";
import { checkHealth } from "@/lib/server/health";
import { apiRoute, json } from "@/lib/server/route";

/** 200 with each agent's reachability; with ?strict=1, 503 when any agent is unreachable (for monitors). */
export const GET = apiRoute({}, async ({ req, config }) => {
  const health = await checkHealth(config);
  const strict = ["1", "true"].includes(req.nextUrl.searchParams.get("strict") ?? "");
  return json(HealthSchema, health, { status: strict && health.status !== "ok" ? 503 : 200 });
});
