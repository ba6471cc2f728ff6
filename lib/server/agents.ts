import "server-only";
import type { ClientStatus } from "@/lib/agent-api/client";
import type { Run } from "@/lib/agent-api/runs";
import type { Tag, TagsResponse } from "@/lib/agent-api/tags";
import { AgentClient, type UpstreamEvent } from "./agent-client";
import { Collector, type AgentSource } from "./collector/collector";
import type { Slot, Snapshot } from "./collector/snapshot";
import { SnapshotLog } from "./collector/snapshot-log";
import { SnapshotEncoder, seqOf, type Encoded } from "./snapshot-wire";
import { getConfig, type AgentConfig, type Config } from "./config";
import { AppError } from "./errors";
import { log } from "./log";
import { recordUpstream } from "./metrics";
import { currentStore } from "./store";
import { currentEventLog } from "./store/events";
import { currentScheduler } from "./schedules/current";
import { SCHEDULE_ACTOR } from "./schedules/runtime";
import { DeckSource } from "./remote/deck-source";

/**
 * Where an agent lives, as AgentService uses it: the agent itself (AgentClient) or another Agent
 * Deck that watches it (DeckSource, a hub's AGENTS_FILE entry with `deck`). Both poll and change the
 * agent alike; `viaDeck` says the deck keeps the agent's event log and resume timer itself.
 */
export type AgentBackend = AgentSource & {
  readonly viaDeck: boolean;
  pause(resumeTimerSeconds?: number): Promise<{ resumeAt?: number } | void>;
  resume(): Promise<void>;
  restart(): Promise<void>;
  setTags(tags: Tag[]): Promise<void>;
};

/**
 * One configured agent as the routes see it. Its collector polls the agent on its own clock; reads
 * answer from the collector's snapshot (waiting for one fresh poll when nobody was watching), and
 * mutations call the agent, then wait for a poll that sees their effect. Routes never touch
 * AgentClient directly, and no read calls the agent.
 */
export class AgentService {
  readonly backend: AgentBackend;
  readonly collector: Collector;
  /** Recent versions, for deltas, and their encodings. */
  readonly versions = new SnapshotLog();
  readonly encoder = new SnapshotEncoder();
  /** Epoch ms at which a resume timer set through this dashboard fires (the agent does not report it). */
  private resumeDeadline: number | undefined;
  private reachable: boolean | undefined;
  /** The failure last logged per resource, until it answers again. */
  private readonly loggedErrors = new Map<string, string>();

  constructor(
    readonly agent: AgentConfig,
    config: Config,
  ) {
    const options = { timeoutMs: config.agentTimeoutMs, observe: (e: UpstreamEvent) => this.observe(e) };
    this.backend = agent.deck ? new DeckSource(agent, options) : new AgentClient(agent, options);
    this.collector = new Collector(this.backend, {
      pollIntervalMs: config.pollIntervalMs,
      backgroundPollMs: config.backgroundPollMs,
      // A page polls every UI_POLL_INTERVAL_MS; a few of its polls missed means nobody is watching.
      watchWindowMs: Math.max(3 * config.uiPollIntervalMs, 3 * config.pollIntervalMs, 5000),
      // A token refresh and its retry are two calls, each bounded by the timeout.
      freshWaitMs: 2 * config.agentTimeoutMs + 250,
      // An agent behind a deck comes with the resume timer that deck set (or this hub, through it).
      annotateStatus: this.backend.viaDeck
        ? undefined
        : (status) => {
            const resumeAt = this.resumeAt(status);
            return resumeAt === undefined ? status : { ...status, resumeAt };
          },
      onSnapshot: (next, prev) => this.onSnapshot(next, prev),
    });
  }

  /** The snapshot for a viewer's read: marks the agent watched and waits for a fresh poll if needed. */
  async read(): Promise<Snapshot> {
    this.collector.markWatched();
    return this.collector.fresh();
  }

  async status(): Promise<ClientStatus> {
    return valueOf((await this.read()).status);
  }

  async runs(): Promise<Run[]> {
    return valueOf((await this.read()).runs);
  }

  /** One run, from the snapshot's list: no call to the agent, whatever id is asked for. */
  async run(runId: string): Promise<Run> {
    const runs = await this.runs();
    const run = runs.find((r) => String(r.run_id) === runId);
    if (!run) throw new AppError("not_found", `The agent has no run ${runId}`);
    return run;
  }

  async tags(): Promise<TagsResponse> {
    return valueOf((await this.read()).tags);
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

  /**
   * The deadline is known before the poll that follows, so that poll's snapshot carries it. `actor`
   * (who asked, for the event log) is noted before the call: a poll may see the change before it returns.
   */
  async pause(actor: string, resumeTimerSeconds?: number): Promise<number | undefined> {
    await this.mutate(async () => {
      this.events()?.expect(this.agent.id, "paused", actor);
      const answer = await this.byHand("paused", actor, () => this.backend.pause(resumeTimerSeconds));
      this.resumeDeadline =
        answer?.resumeAt ?? (resumeTimerSeconds === undefined ? undefined : Date.now() + resumeTimerSeconds * 1000);
      this.events()?.setResumeTimer(this.agent.id, this.resumeDeadline);
    });
    return this.resumeDeadline;
  }

  async resume(actor: string): Promise<void> {
    await this.mutate(async () => {
      this.events()?.expect(this.agent.id, "resumed", actor);
      await this.byHand("resumed", actor, () => this.backend.resume());
      this.resumeDeadline = undefined;
      this.events()?.setResumeTimer(this.agent.id, undefined);
    });
  }

  /** The event log this dashboard writes for the agent; none for an agent behind a deck (that deck writes it). */
  private events() {
    return this.backend.viaDeck ? undefined : currentEventLog();
  }

  /**
   * A person's pause or resume inside a schedule's window overrides it until the window ends: the
   * scheduler is told before the call (the poll that sees the change must know it was a person's),
   * and takes it back if the agent refused. The scheduler's own calls go straight through.
   */
  private async byHand<T>(change: "paused" | "resumed", actor: string, call: () => Promise<T>): Promise<T> {
    const ticket = actor === SCHEDULE_ACTOR ? undefined : currentScheduler()?.humanChange(this.agent.id, change, actor);
    let result: T;
    try {
      result = await call();
    } catch (err) {
      ticket?.failed();
      throw err;
    }
    ticket?.done();
    return result;
  }

  /**
   * What a page polls: the full snapshot, or the delta from the version it holds when that version
   * is still here (a restart of the dashboard, or a version aged out, means the full snapshot).
   */
  async snapshotSince(since: string | undefined): Promise<{ body: Encoded; delta: boolean }> {
    const s = await this.read();
    const baseSeq = since === undefined ? undefined : seqOf(since);
    const base = baseSeq === undefined ? undefined : baseSeq === s.seq ? s : this.versions.get(baseSeq);
    return { body: this.encoder.encoded(s, base), delta: base !== undefined };
  }

  /** The overview's answer: status, summary, problems and the first runs with errors, no runs. */
  async snapshotSummary(): Promise<Encoded> {
    return this.encoder.encoded(await this.read(), "summary");
  }

  /** The agent never reports a restart: the log records the request once the agent has accepted it. */
  async restart(actor: string): Promise<void> {
    await this.mutate(async () => {
      await this.backend.restart();
      this.events()?.restartRequested(this.agent.id, actor);
    });
  }

  async setTags(tags: Tag[], actor: string): Promise<void> {
    await this.mutate(async () => {
      this.events()?.expect(this.agent.id, "tags_changed", actor);
      await this.backend.setTags(tags);
    }, true);
  }

  /**
   * The change, then a poll that starts after it (even a failed call may have landed), so the
   * viewer's refetch right after this answer already sees the result.
   */
  private async mutate(action: () => Promise<void>, withTags = false): Promise<void> {
    try {
      await action();
    } finally {
      this.collector.markWatched();
      await this.collector.pollAfterChange(withTags);
    }
  }

  private onSnapshot(next: Snapshot, prev: Snapshot): void {
    this.versions.record(next);
    // What the dashboard saw is kept, whether or not anyone is watching (events, history, totals).
    currentStore()?.recordPoll(this.agent.id, next, prev);
    currentScheduler()?.onPoll(this.agent.id, prev.status, next.status);
    const from = prev.status.value?.server?.state;
    const to = next.status.value?.server?.state;
    if (next.status.value && from !== to)
      log("info", "agent_server_state", { agent: this.agent.id, from: from ?? null, to: to ?? null });
  }

  private observe(event: UpstreamEvent): void {
    recordUpstream(event);
    // The collector retries a failing agent at every poll for as long as it fails (months, on a
    // wall): the log says when a failure starts or changes, not once per poll; metrics count each.
    if (event.error) {
      const key = `${event.error.code} ${event.error.message}`;
      if (this.loggedErrors.get(event.resource) !== key) {
        this.loggedErrors.set(event.resource, key);
        log("warn", "upstream_error", {
          agent: event.agent,
          resource: event.resource,
          code: event.error.code,
          message: event.error.message,
        });
      }
    } else if (event.outcome === "ok") {
      this.loggedErrors.delete(event.resource);
    }
    const unreachable = event.outcome === "agent_unreachable" || event.outcome === "agent_timeout";
    if (this.reachable !== !unreachable) {
      this.reachable = !unreachable;
      log(unreachable ? "warn" : "info", "agent_state", {
        agent: this.agent.id,
        up: !unreachable,
        ...(event.error ? { reason: event.error.message } : {}),
      });
    }
  }
}

/** 200 with data when the latest poll of it succeeded; its error (502/503/504) when it failed. */
function valueOf<T>(slot: Slot<T>): T {
  if (slot.error) throw slot.error;
  if (slot.value === undefined)
    throw new AppError("agent_timeout", "The agent has not answered yet; try again in a moment");
  return slot.value;
}

type Registry = { config: Config; services: Map<string, AgentService> };
const KEY = Symbol.for("agent-deck.agents");
type Holder = { [KEY]?: Registry };

/**
 * The services for the current configuration, kept on globalThis so every route bundle shares one
 * collector and one token per agent. Boot creates it, which starts every collector; a changed
 * configuration (a new object from getConfig) stops the old collectors and starts afresh.
 */
export function agentRegistry(config: Config = getConfig()): Registry {
  const holder = globalThis as Holder;
  const current = holder[KEY];
  if (current && current.config === config) return current;
  for (const old of current?.services.values() ?? []) old.collector.stop();
  const services = new Map(config.agents.map((a) => [a.id, new AgentService(a, config)] as const));
  const registry = { config, services };
  holder[KEY] = registry;
  for (const service of services.values()) service.collector.start();
  return registry;
}

/** Stops every collector (shutdown): no poll starts while the process is going. */
export function stopCollectors(): void {
  const holder = globalThis as Holder;
  for (const service of holder[KEY]?.services.values() ?? []) service.collector.stop();
  currentScheduler()?.stop();
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
