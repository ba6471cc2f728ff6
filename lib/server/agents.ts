import "server-only";
import type { ClientStatus } from "@/lib/agent-api/client";
import type { Run } from "@/lib/agent-api/runs";
import type { Tag, TagsResponse } from "@/lib/agent-api/tags";
import { AgentClient, type UpstreamEvent } from "./agent-client";
import { SingleFlightCache } from "./cache";
import { getConfig, type AgentConfig, type Config } from "./config";
import { AppError } from "./errors";
import { AgentHistory } from "./history";
import { log } from "./log";
import { recordUpstream } from "./metrics";

/**
 * One configured agent as the routes see it: every read goes through the shared single-flight
 * cache, every mutation invalidates what it changed. Routes never touch AgentClient directly.
 */
export class AgentService {
  readonly client: AgentClient;
  readonly history: AgentHistory;
  /** Epoch ms at which a resume timer set through this dashboard fires (the agent does not report it). */
  private resumeDeadline: number | undefined;
  private reachable: boolean | undefined;
  private serverState: string | undefined;
  /** Whether the latest status load failed: its next success is the agent's recovery. */
  private statusFailed = false;

  constructor(
    readonly agent: AgentConfig,
    private readonly cache: SingleFlightCache,
    config: Config,
  ) {
    this.client = new AgentClient(agent, { timeoutMs: config.agentTimeoutMs, observe: (e) => this.observe(e) });
    this.history = new AgentHistory(config.pollIntervalMs, config.historySeconds);
  }

  private key(resource: string): string {
    return `${this.agent.id}:${resource}`;
  }

  status(): Promise<ClientStatus> {
    return this.cache.get(this.key("client"), async () => {
      let status: ClientStatus;
      try {
        status = await this.client.getClient();
      } catch (err) {
        this.statusFailed = true;
        throw err;
      }
      if (this.statusFailed) {
        // The agent is back: the failures cached for its other resources a moment ago are now
        // wrong, and the page's refetch on recovery must reach the agent instead of replaying them.
        // Only a recovery of the status does this, so a single broken endpoint still gets at most
        // one attempt per interval.
        this.statusFailed = false;
        this.cache.dropFailuresWithPrefix(this.key(""));
      }
      this.noteServerState(status.server?.state);
      return status;
    });
  }

  /** When the cached status was fetched (for /api/health's checkedAt). */
  statusCheckedAt(): number | undefined {
    return this.cache.settledAt(this.key("client"));
  }

  runs(): Promise<Run[]> {
    return this.cache.get(this.key("runs"), async () => {
      const runs = await this.client.getRuns();
      this.history.record(runs);
      return runs;
    });
  }

  run(runId: string): Promise<Run> {
    return this.cache.get(this.key(`run:${runId}`), () => this.client.getRun(runId));
  }

  tags(): Promise<TagsResponse> {
    return this.cache.get(this.key("tags"), () => this.client.getTags());
  }

  /** The resume deadline, while it is still ahead and the agent still reports itself paused. */
  resumeAt(status: ClientStatus, now = Date.now()): number | undefined {
    if (this.resumeDeadline === undefined) return undefined;
    if (!status.paused || now >= this.resumeDeadline) {
      this.resumeDeadline = undefined;
      return undefined;
    }
    return this.resumeDeadline;
  }

  async pause(resumeTimerSeconds?: number): Promise<number | undefined> {
    await this.mutate(() => this.client.pause(resumeTimerSeconds));
    this.resumeDeadline = resumeTimerSeconds === undefined ? undefined : Date.now() + resumeTimerSeconds * 1000;
    return this.resumeDeadline;
  }

  async resume(): Promise<void> {
    await this.mutate(() => this.client.resume());
    this.resumeDeadline = undefined;
  }

  async restart(): Promise<void> {
    await this.mutate(() => this.client.restart());
  }

  async setTags(tags: Tag[]): Promise<void> {
    try {
      await this.client.setTags(tags);
    } finally {
      this.cache.invalidate(this.key("tags"));
    }
  }

  /** Pause, resume and restart change the status and every run; even a failed call may have landed. */
  private async mutate(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } finally {
      this.cache.invalidate(this.key("client"), this.key("runs"));
      this.cache.invalidatePrefix(this.key("run:"));
    }
  }

  private observe(event: UpstreamEvent): void {
    recordUpstream(event);
    if (event.error) {
      log("warn", "upstream_error", { agent: event.agent, resource: event.resource, code: event.error.code, message: event.error.message });
    }
    const unreachable = event.outcome === "agent_unreachable" || event.outcome === "agent_timeout";
    if (this.reachable !== !unreachable) {
      this.reachable = !unreachable;
      log(unreachable ? "warn" : "info", "agent_state", { agent: this.agent.id, up: !unreachable, ...(event.error ? { reason: event.error.message } : {}) });
    }
  }

  private noteServerState(state: string | undefined): void {
    if (state === this.serverState) return;
    log("info", "agent_server_state", { agent: this.agent.id, from: this.serverState ?? null, to: state ?? null });
    this.serverState = state;
  }
}

type Registry = { config: Config; cache: SingleFlightCache; services: Map<string, AgentService> };
const KEY = Symbol.for("agent-deck.agents");
type Holder = { [KEY]?: Registry };

/**
 * The services for the current configuration, kept on globalThis so every route bundle shares one
 * cache and one token per agent. A changed configuration (a new object from getConfig) starts afresh.
 */
export function agentRegistry(config: Config = getConfig()): Registry {
  const holder = globalThis as Holder;
  const current = holder[KEY];
  if (current && current.config === config) return current;
  const cache = new SingleFlightCache({ ttlMs: config.pollIntervalMs });
  const services = new Map(config.agents.map((a) => [a.id, new AgentService(a, cache, config)] as const));
  const registry = { config, cache, services };
  holder[KEY] = registry;
  return registry;
}

export function listAgents(config: Config = getConfig()): AgentService[] {
  return [...agentRegistry(config).services.values()];
}

/** 404 with a plain sentence for an id that is well-formed but not configured. */
export function requireAgent(agentId: string, config: Config = getConfig()): AgentService {
  const service = agentRegistry(config).services.get(agentId);
  if (!service) throw new AppError("not_found", `No agent with id "${agentId}" is configured`);
  return service;
}
