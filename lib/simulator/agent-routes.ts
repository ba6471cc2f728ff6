import { z } from "zod";
import { json, JSON_TYPE, parseJsonBody, type Reply } from "./http";
import type { TokenStore } from "./tokens";
import type { World } from "./world";

export interface AgentContext {
  world: World;
  tokens: TokenStore;
  tokenAuth: boolean;
  /** 2: an agent older than 3.0, which has only the v2 API (agent-facts.md) and 404s every v3 path. */
  apiVersion: 2 | 3;
}

export interface AgentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  /** When the request arrived (ms since the epoch); resume timers count from it. */
  receivedAt: number;
}

/** `restart` asks the server to go away after the answer is sent (PATCH client {"restart": true}). */
export interface AgentResult {
  reply: Reply;
  restart?: boolean;
}

export interface RouteMatch {
  template: string;
  methods: readonly string[];
  runId?: string;
}

const RUN_PATH = /^\/api\/v3\/runs\/([^/]+)$/;
const FIXED: Record<string, readonly string[]> = {
  "/api/v3/token": ["GET"],
  "/api/v3/client": ["GET", "PATCH"],
  "/api/v3/runs": ["GET"],
  "/api/v3/tags": ["GET", "PATCH"],
};

/** An agent before 3.0: `GET /api/v2/client` (no token in Resilio's example) and nothing of v3. */
const V2_CLIENT = "/api/v2/client";

/** The documented endpoints, and nothing else (no trailing-slash or case variants). */
export function matchRoute(path: string, apiVersion: 2 | 3 = 3): RouteMatch | null {
  if (apiVersion === 2) return path === V2_CLIENT ? { template: V2_CLIENT, methods: ["GET"] } : null;
  const methods = FIXED[path];
  if (methods) return { template: path, methods };
  const m = RUN_PATH.exec(path);
  return m ? { template: "/api/v3/runs/{run_id}", methods: ["GET"], runId: safeDecode(m[1] ?? "") } : null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // malformed %-escape: let the run_id check reject it as not a number
  }
}

const error = (status: number, message: string): AgentResult => ({ reply: json(status, { error: message }) });
const EMPTY: AgentResult = { reply: json(200, {}) };

// Lenient like an agent would be about extra fields, strict about the documented ones.
const TagsBodySchema = z.object({ tags: z.array(z.object({ name: z.string().min(1), value: z.string() })) });

/** Answers one agent request against the world. Pure apart from mutating the world it is given. */
export function handleAgentRequest(ctx: AgentContext, req: AgentRequest, route: RouteMatch): AgentResult {
  if (!route.methods.includes(req.method)) {
    return { reply: { ...json(405, { error: "method not allowed" }), headers: { Allow: route.methods.join(", ") } } };
  }
  if (route.template === "/api/v3/token") return { reply: json(200, { token: ctx.tokens.current }) };
  if (route.template === V2_CLIENT) return { reply: json(200, { data: ctx.world.v2Client() }) };
  // Undocumented: what a missing or wrong token gets. We answer 401 with a small JSON body.
  if (ctx.tokenAuth && !ctx.tokens.matches(req.query.get("token"))) return error(401, "invalid token");

  const world = ctx.world;
  switch (route.template) {
    case "/api/v3/client":
      return req.method === "GET" ? { reply: json(200, world.client()) } : patchClient(world, req);
    case "/api/v3/runs":
      return { reply: { status: 200, body: world.runsJson(), contentType: JSON_TYPE } };
    case "/api/v3/runs/{run_id}": {
      if (!/^\d{1,15}$/.test(route.runId ?? "")) return error(400, "run_id must be a number");
      const run = world.run(Number(route.runId));
      return run ? { reply: json(200, run) } : error(404, "not found");
    }
    case "/api/v3/tags":
      return req.method === "GET" ? { reply: json(200, { tags: world.tags() }) } : patchTags(world, req);
    default:
      return error(404, "not found");
  }
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parseJsonBody(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Pause and resume use query parameters, restart uses the JSON body (as the doc says). Anything
 * else is a 400, so a dashboard that sends `paused` in the body finds out here, not in production.
 */
function patchClient(world: World, req: AgentRequest): AgentResult {
  const body = parseBody(req.body);
  if (!body.ok) return error(400, "body is not valid JSON");
  let restart = false;
  if (body.value !== undefined) {
    const v = body.value;
    if (typeof v !== "object" || v === null || Array.isArray(v)) return error(400, 'body must be {"restart": true}');
    const extra = Object.keys(v).filter((k) => k !== "restart");
    if (extra.length > 0)
      return error(400, `unexpected body field: ${extra.join(", ")} (pause and resume use query parameters)`);
    if ("restart" in v) {
      if (v.restart !== true) return error(400, "restart must be true");
      restart = true;
    }
  }
  const paused = req.query.get("paused");
  const timer = req.query.get("resume_timer");
  if (paused === null) {
    if (timer !== null) return error(400, "resume_timer needs paused=true");
    return restart
      ? { ...EMPTY, restart }
      : error(400, 'nothing to do: pass paused=true|false or the body {"restart": true}');
  }
  if (paused === "false") {
    if (timer !== null) return error(400, "resume_timer needs paused=true");
    world.resume();
  } else if (paused === "true") {
    if (timer !== null && !/^\d{1,9}$/.test(timer)) return error(400, "resume_timer must be a whole number of seconds");
    try {
      world.pause(timer === null ? undefined : Number(timer), req.receivedAt);
    } catch (e) {
      return error(400, e instanceof RangeError ? e.message : "invalid resume_timer");
    }
  } else {
    return error(400, "paused must be true or false");
  }
  return { ...EMPTY, restart };
}

function patchTags(world: World, req: AgentRequest): AgentResult {
  const body = parseBody(req.body);
  const parsed = body.ok ? TagsBodySchema.safeParse(body.value) : null;
  if (!parsed?.success) return error(400, 'body must be {"tags": [{"name": "...", "value": "..."}]}');
  world.upsertTags(parsed.data.tags);
  return EMPTY;
}
