import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { z } from "zod";
import { FOLDER_STATUSES, GENERAL_STATUSES, SCRIPT_STATUSES, TRANSFER_STATUSES } from "../agent-api/runs";
import { TagSchema } from "../agent-api/tags";
import type { AgentServer, Simulation } from "./agent-server";
import { FaultSchema } from "./faults";
import { json, parseJsonBody, readBody, send, type Reply } from "./http";

export interface ControlDeps {
  sim: Simulation;
  agent: AgentServer;
  /** Fresh world from the start-up options, no fault, empty request log (tokens are kept). */
  reset: () => void;
}

/** Strict: a misspelt field in a test should fail, not be silently ignored. */
const StateSchema = z.strictObject({
  serverState: z.string().min(1).optional(),
  restartRequired: z.boolean().optional(),
  paused: z.boolean().optional(),
  runs: z.number().int().min(0).max(100_000).optional(),
  name: z.string().optional(),
  addr: z.string().optional(),
  tags: z.array(TagSchema).optional(),
});
const RunStatusSchema = z.enum([...GENERAL_STATUSES, ...FOLDER_STATUSES, ...TRANSFER_STATUSES, ...SCRIPT_STATUSES]);
const RunSchema = z.strictObject({
  runId: z.number().int(),
  status: RunStatusSchema,
  errors: z.array(z.unknown()).optional(),
});
const RestartSchema = z.strictObject({ downtimeMs: z.number().int().min(0).max(600_000).optional() }).optional();

type Handler = (deps: ControlDeps, body: unknown) => Reply;

function stateOf({ sim, agent }: ControlDeps): Reply {
  const w = sim.world;
  return json(200, {
    agentUp: agent.isUp,
    client: w.client(),
    runs: w.runCount,
    paused: w.isPaused,
    resumeAt: w.resumeAt,
    tags: w.tags(),
  });
}

function invalid(error: z.ZodError): Reply {
  return json(400, { error: z.prettifyError(error) });
}

/** The control API: test and benchmark hooks, never reachable through the agent's port. */
const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  "/requests": {
    GET: ({ sim }) => json(200, sim.log.list()),
    DELETE: ({ sim }) => {
      sim.log.clear();
      return json(200, {});
    },
  },
  "/stats": { GET: ({ sim }) => json(200, sim.log.stats()) },
  "/tokens": { GET: ({ sim }) => json(200, sim.tokens.all()) },
  "/rotate-token": { POST: ({ sim }) => json(200, { token: sim.tokens.rotate() }) },
  "/faults": {
    GET: ({ sim }) => json(200, { fault: sim.faults.current }),
    DELETE: ({ sim }) => {
      sim.faults.set(null);
      return json(200, {});
    },
    PUT: ({ sim, agent }, body) => {
      const parsed = FaultSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      const fault = parsed.data;
      if (fault.kind === "refuse") {
        // The fault lasts as long as the agent is away, then clears itself.
        const clear = () => {
          if (sim.faults.current === fault) sim.faults.set(null);
        };
        if (!agent.goAway(fault.ms, clear)) {
          return json(409, { error: "the agent is already away" });
        }
      }
      sim.faults.set(fault);
      return json(200, { fault });
    },
  },
  "/state": {
    GET: (deps) => stateOf(deps),
    PUT: (deps, body) => {
      const parsed = StateSchema.safeParse(body ?? {});
      if (!parsed.success) return invalid(parsed.error);
      const s = parsed.data;
      const w = deps.sim.world;
      if (s.runs !== undefined) w.setRunCount(s.runs);
      if (s.serverState !== undefined) w.setServerState(s.serverState);
      if (s.restartRequired !== undefined) w.setRestartRequired(s.restartRequired);
      if (s.paused === true) w.pause();
      if (s.paused === false) w.resume();
      if (s.name !== undefined) w.name = s.name;
      if (s.addr !== undefined) w.addr = s.addr;
      if (s.tags !== undefined) w.replaceTags(s.tags);
      return stateOf(deps);
    },
  },
  "/run": {
    PUT: ({ sim }, body) => {
      const parsed = RunSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      const { runId, status, errors } = parsed.data;
      return sim.world.setRunStatus(runId, status, errors)
        ? json(200, sim.world.run(runId))
        : json(404, { error: `no run ${runId}` });
    },
  },
  "/restart": {
    POST: ({ agent }, body) => {
      const parsed = RestartSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error);
      return agent.restart(parsed.data?.downtimeMs) ? json(200, {}) : json(409, { error: "the agent is already away" });
    },
  },
  "/reset": {
    POST: (deps) => {
      deps.reset();
      return json(200, {});
    },
  },
};

/** `/agents/{i}/<endpoint>` is agent i's (of `--agents N`); a bare `/<endpoint>` is the first agent's. */
const PER_AGENT = /^\/agents\/(\d{1,3})(\/.*)$/;

async function handle(all: ControlDeps[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  let path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
  let deps = all[0]!;
  const scoped = PER_AGENT.exec(path);
  if (scoped) {
    const chosen = all[Number(scoped[1])];
    if (!chosen) return send(res, json(404, { error: `no agent ${scoped[1]}: this simulator serves ${all.length}` }));
    deps = chosen;
    path = scoped[2]!;
  }
  const route = ROUTES[path];
  if (!route) return send(res, json(404, { error: `no such control endpoint: ${path}` }));
  const handler = route[req.method ?? "GET"];
  if (!handler) {
    return send(res, {
      ...json(405, { error: "method not allowed" }),
      headers: { Allow: Object.keys(route).join(", ") },
    });
  }
  let body: unknown;
  try {
    body = parseJsonBody(await readBody(req));
  } catch {
    return send(res, json(400, { error: "body is not valid JSON" }));
  }
  send(res, handler(deps, body));
}

/** The control API for the agents this simulator serves (one, or N with `--agents N`). */
export function createControlServer(agents: ControlDeps[]): http.Server {
  return http.createServer((req, res) => {
    handle(agents, req, res).catch((e: unknown) => send(res, json(500, { error: String(e) })));
  });
}
