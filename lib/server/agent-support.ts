import "server-only";
import type { AgentResource } from "./agent-client";
import { AppError } from "./errors";
import { upstreamRequest } from "./upstream-http";

/*
 * What an agent's 404 on a documented /api/v3 endpoint means, in words a person can act on. The
 * endpoints came with agent versions (agent-api-v3.txt): runs with 3.0, reading tags with 2.10,
 * setting them with 2.9.3; an agent before 3.0 answers the older v2 API at /api/v2/client with
 * `{"data":{…}}` (agent-facts.md); an agent whose API is off has neither.
 */

/** The endpoints an agent version may lack, by what the dashboard asked for. */
export type Offering = "token" | "client" | "runs" | "tags" | "set_tags";

/** Which endpoint a 404 to each call means is missing (a 404 for one run means no such run instead). */
export const OFFERING: Record<Exclude<AgentResource, "run">, Offering> = {
  token: "token",
  client: "client",
  pause: "client",
  resume: "client",
  restart: "client",
  runs: "runs",
  tags: "tags",
  set_tags: "set_tags",
};

/** Whether the agent answers the v2 API: "unknown" when the probe itself failed (not kept). */
export type LegacyApi = "v2" | "none" | "unknown";

/**
 * Asks `GET /api/v2/client` once, without a token (the v2 example has none). An answer with a
 * `data` object, or a refusal for want of a token, is an agent that has the v2 API; a 404 is one
 * that has no API on this port at all.
 */
export async function probeLegacyApi(agentUrl: string, timeoutMs: number): Promise<LegacyApi> {
  try {
    const res = await upstreamRequest({
      method: "GET",
      url: new URL(`${agentUrl}/api/v2/client`),
      timeoutMs,
      maxBytes: 64 * 1024,
    });
    if (res.status === 404) return "none";
    if (res.status === 401 || res.status === 403) return "v2";
    if (res.status < 200 || res.status > 299) return "unknown";
    const body: unknown = JSON.parse(res.body.toString("utf8"));
    const data = typeof body === "object" && body !== null ? (body as { data?: unknown }).data : undefined;
    return typeof data === "object" && data !== null && !Array.isArray(data) ? "v2" : "unknown";
  } catch {
    return "unknown";
  }
}

const UPDATE = "Update the agent to 3.0 or later to use Agent Deck.";
const ENABLE = "add client_api_enabled=true to the Agent Profile in the Management Console";

/** The error for a 404 where `what` was expected; `legacy` is the probe's verdict (token and status only). */
export function notOffered(what: Offering, legacy: LegacyApi): AppError {
  switch (what) {
    case "runs":
      return new AppError(
        "agent_unsupported",
        "This agent does not report job runs: runs need agent version 3.0 or later. Status, pause and tags work as usual.",
      );
    case "tags":
      return new AppError(
        "agent_unsupported",
        "This agent does not list its tags: reading tags needs agent version 2.10 or later.",
      );
    case "set_tags":
      return new AppError(
        "agent_unsupported",
        "This agent cannot set tags: setting tags needs agent version 2.9.3 or later.",
      );
    case "token":
    case "client":
      if (legacy === "v2")
        return new AppError(
          "agent_unsupported",
          `This agent is older than 3.0: it answers only the older v2 API (/api/v2/client), not v3. ${UPDATE}`,
        );
      if (legacy === "none")
        return new AppError(
          "agent_unsupported",
          `The Agent API is not enabled on this agent (HTTP 404 for both /api/v3 and /api/v2): ${ENABLE}.`,
        );
      return new AppError(
        "agent_unsupported",
        `The agent answered HTTP 404 when asked for ${what === "token" ? "its token" : "its status"}: its Agent API may be off (${ENABLE}) or the agent older than 3.0 (update it to 3.0 or later).`,
      );
  }
}
