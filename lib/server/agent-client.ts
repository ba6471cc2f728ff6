import "server-only";
import { z } from "zod";
import { AgentClientStatusSchema, TokenResponseSchema, type ClientStatus } from "@/lib/agent-api/client";
import { RunSchema, RunsSchema, type Run } from "@/lib/agent-api/runs";
import { TagsResponseSchema, type Tag, type TagsResponse } from "@/lib/agent-api/tags";
import type { PollAnswer } from "./collector/collector";
import type { LocalAgentConfig } from "./config";
import { decode } from "./agent-decode";
import { notOffered, OFFERING, probeLegacyApi, type LegacyApi } from "./agent-support";
import { AppError, isAppError } from "./errors";
import { upstreamRequest, type UpstreamResponse } from "./upstream-http";

/** What a call to the agent itself was about. */
export type AgentResource = "token" | "client" | "runs" | "run" | "tags" | "pause" | "resume" | "restart" | "set_tags";
/** What a call to another Agent Deck (a hub's agent behind it) was about: its snapshot, event log and session. */
export type DeckResource = "deck_snapshot" | "deck_events" | "deck_session";
/** What a call was about, for metrics and logs (a small fixed set: safe as a label). */
export type Resource = AgentResource | DeckResource;

/** Reported once per HTTP exchange; `outcome` is "ok", "token_rejected" or an error code. */
export type UpstreamEvent = {
  agent: string;
  resource: Resource;
  outcome: string;
  durationMs: number;
  error?: AppError;
};

export type AgentClientOptions = {
  timeoutMs: number;
  maxBodyBytes?: number;
  observe?: (event: UpstreamEvent) => void;
};

type Call<T> = {
  resource: AgentResource;
  method: "GET" | "PATCH";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  read: (res: UpstreamResponse) => T;
};

/** GET /api/v3/runs/{id}: the doc's sample is a list, so accept one run or a list holding it. */
const OneRunSchema = z.union([RunSchema, RunsSchema]);

/**
 * Talks to one agent: holds its token (never shown to anyone), refreshes it once when the agent
 * rejects it (401/403, e.g. after a restart), enforces the timeout and validates every answer.
 */
export class AgentClient {
  /** This dashboard calls the agent itself, so it keeps its event log and resume timer. */
  readonly viaDeck = false;
  private token: string | undefined;
  private tokenInFlight: Promise<string> | undefined;
  /** Whether the agent has the v2 API, asked once after a 404 and forgotten at the next good answer. */
  private legacy: Promise<LegacyApi> | undefined;

  constructor(
    readonly agent: LocalAgentConfig,
    private readonly options: AgentClientOptions,
  ) {}

  /** One poll of the agent: status and runs (and tags when asked), each its own call, side by side. */
  async poll(withTags: boolean): Promise<PollAnswer> {
    const [status, runs, tags] = await Promise.allSettled([
      this.getClient(),
      this.getRuns(),
      withTags ? this.getTags() : undefined,
    ]);
    return { status, runs, ...(withTags ? { tags: tags as PromiseSettledResult<TagsResponse> } : {}) };
  }

  getClient(): Promise<ClientStatus> {
    return this.call({
      resource: "client",
      method: "GET",
      path: "/api/v3/client",
      read: (r) => decode(r, AgentClientStatusSchema, "status"),
    });
  }

  getRuns(): Promise<Run[]> {
    return this.call({
      resource: "runs",
      method: "GET",
      path: "/api/v3/runs",
      read: (r) => decode(r, RunsSchema, "runs"),
    });
  }

  async getRun(runId: number | string): Promise<Run> {
    const id = String(runId);
    // Nothing unchecked goes into the agent's URL, even from trusted callers.
    if (!/^\d{1,15}$/.test(id)) throw new AppError("invalid_input", "runId must be digits");
    const found = await this.call({
      resource: "run",
      method: "GET",
      path: `/api/v3/runs/${id}`,
      read: (r) => (r.status === 404 ? undefined : decode(r, OneRunSchema, "run")),
    });
    // A list that lacks the id means the agent has no such run: never another run in its place.
    const run = Array.isArray(found)
      ? found.find((r) => String(r.run_id) === id)
      : found && String(found.run_id) === id
        ? found
        : undefined;
    if (!run) throw new AppError("not_found", `The agent has no run ${id}`);
    return run;
  }

  getTags(): Promise<TagsResponse> {
    return this.call({
      resource: "tags",
      method: "GET",
      path: "/api/v3/tags",
      read: (r) => decode(r, TagsResponseSchema, "tags"),
    });
  }

  /** The vendor documents pause/resume as query parameters, not a body. */
  async pause(resumeTimerSeconds?: number): Promise<void> {
    const query: Record<string, string> = { paused: "true" };
    if (resumeTimerSeconds !== undefined) {
      if (!Number.isSafeInteger(resumeTimerSeconds) || resumeTimerSeconds < 1)
        throw new AppError("invalid_input", "resumeTimer must be a positive whole number of seconds");
      query.resume_timer = String(resumeTimerSeconds);
    }
    await this.call({ resource: "pause", method: "PATCH", path: "/api/v3/client", query, read: ignoreBody });
  }

  async resume(): Promise<void> {
    await this.call({
      resource: "resume",
      method: "PATCH",
      path: "/api/v3/client",
      query: { paused: "false" },
      read: ignoreBody,
    });
  }

  async restart(): Promise<void> {
    await this.call({
      resource: "restart",
      method: "PATCH",
      path: "/api/v3/client",
      body: { restart: true },
      read: ignoreBody,
    });
  }

  async setTags(tags: Tag[]): Promise<void> {
    const clean = tags.map((t) => ({ name: t.name, value: t.value }));
    await this.call({
      resource: "set_tags",
      method: "PATCH",
      path: "/api/v3/tags",
      body: { tags: clean },
      read: ignoreBody,
    });
  }

  private async call<T>(spec: Call<T>): Promise<T> {
    if (!this.agent.tokenAuth) return this.exchange(spec, undefined, true);
    const token = await this.currentToken();
    try {
      return await this.exchange(spec, token, false);
    } catch (err) {
      if (!(err instanceof TokenRejected)) throw err;
      // Undocumented: the token may change (e.g. on restart). Fetch a new one once and retry once.
      if (this.token === token) this.token = undefined;
      return this.exchange(spec, await this.currentToken(), true);
    }
  }

  /** Concurrent callers share one token request. */
  private currentToken(): Promise<string> {
    if (this.token !== undefined) return Promise.resolve(this.token);
    this.tokenInFlight ??= this.exchange<string>(
      {
        resource: "token",
        method: "GET",
        path: "/api/v3/token",
        read: (r) => decode(r, TokenResponseSchema, "token").token,
      },
      undefined,
      true,
    )
      .then((t) => (this.token = t))
      .finally(() => (this.tokenInFlight = undefined));
    return this.tokenInFlight;
  }

  /** The error for a 404 on `resource`; for the token or the status, the v2 probe (made once) says why. */
  private async notOffered(resource: Exclude<AgentResource, "run">): Promise<AppError> {
    const what = OFFERING[resource];
    if (what !== "token" && what !== "client") return notOffered(what, "unknown");
    this.legacy ??= probeLegacyApi(this.agent.url, this.options.timeoutMs).then((verdict) => {
      // A failed probe says nothing: ask again at the next 404 rather than keep "unknown".
      if (verdict === "unknown") this.legacy = undefined;
      return verdict;
    });
    return notOffered(what, await this.legacy);
  }

  private async exchange<T>(spec: Call<T>, token: string | undefined, lastTry: boolean): Promise<T> {
    const url = new URL(this.agent.url + spec.path);
    if (token !== undefined) url.searchParams.set("token", token);
    for (const [k, v] of Object.entries(spec.query ?? {})) url.searchParams.set(k, v);
    const report = reporter(this.options.observe, this.agent.id, spec.resource);
    try {
      const res = await upstreamRequest({
        method: spec.method,
        url,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        timeoutMs: this.options.timeoutMs,
        maxBytes: this.options.maxBodyBytes,
      });
      if (res.status === 401 || res.status === 403) {
        if (!lastTry) {
          report("token_rejected");
          throw new TokenRejected();
        }
        throw new AppError(
          "agent_bad_response",
          this.agent.tokenAuth
            ? `The agent refused the dashboard's token (HTTP ${res.status}) even after a new one was fetched`
            : `The agent refused the request (HTTP ${res.status}); it may require its token: set AGENT_TOKEN_AUTH=true (or tokenAuth in AGENTS_FILE)`,
        );
      }
      if (res.status === 404 && spec.resource !== "run") throw await this.notOffered(spec.resource);
      if ((res.status < 200 || res.status > 299) && !(res.status === 404 && spec.resource === "run")) {
        throw new AppError(
          "agent_bad_response",
          `The agent answered HTTP ${res.status} when asked for ${describe(spec.resource)}`,
        );
      }
      const value = spec.read(res);
      this.legacy = undefined;
      report("ok");
      return value;
    } catch (err) {
      if (isAppError(err)) report(err.code, err);
      throw err;
    }
  }
}

/** Reports one exchange, timed from now, to `observe` (metrics, logs): `outcome` is "ok" or an error code. */
export function reporter(
  observe: ((event: UpstreamEvent) => void) | undefined,
  agent: string,
  resource: Resource,
): (outcome: string, error?: AppError) => void {
  const started = performance.now();
  return (outcome, error) => observe?.({ agent, resource, outcome, durationMs: performance.now() - started, error });
}

/** Internal signal for the one retry; never leaves this module. */
class TokenRejected extends Error {}

/** Mutations answer `{}` or a status; success is the 2xx, the body is not part of the contract. */
function ignoreBody(): undefined {
  return undefined;
}

function describe(resource: AgentResource): string {
  const words: Record<AgentResource, string> = {
    token: "its token",
    client: "its status",
    runs: "its job runs",
    run: "a job run",
    tags: "its tags",
    pause: "a pause",
    resume: "a resume",
    restart: "a restart",
    set_tags: "a change of its tags",
  };
  return words[resource];
}
