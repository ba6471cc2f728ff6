import "server-only";
import type { ClientStatus } from "@/lib/agent-api/client";
import type { Schedule, ScheduleState } from "@/lib/bff/contract-schedules";
import type { DetectedEvent, SlotView } from "@/lib/domain/events";
import type { ScheduleStore, StoredSchedule } from "../store/schedules";
import { beginOverride, watchPoll, type HumanChange, type OverrideTicket } from "./override";
import { evaluateWindows } from "./pause";
import {
  MAX_SLEEP_MS,
  RENEW_BEFORE_MS,
  realClock,
  realTimers,
  type AgentRuntime,
  type Clock,
  type EventRecorder,
  type ScheduledAgent,
  type Timers,
} from "./runtime";
import { scheduleView, stateOf } from "./state";
import { evaluateTags, type TagContext } from "./tags";
import { muteWindowAt, nextBoundary, tagRule, windowRule, type Occurrence, type WindowRule } from "./windows";

export type SchedulerDeps = {
  store: ScheduleStore;
  events: EventRecorder;
  agents: readonly ScheduledAgent[];
  /** The dashboard's zone (TZ, or the machine's): weekly windows and crons without their own are read in it. */
  timeZone: string;
  clock?: Clock;
  timers?: Timers;
};

/**
 * Applies every agent's schedules on time. It sleeps until the next moment something is due (a
 * window starts or ends, a tag fires, a retry, an override runs out; at most a minute) and then looks
 * at every agent; a change through the API, a person's resume and an agent coming back make it look
 * at once. Its memory of what it applied lives in the store, so a restart picks up where it was.
 */
export class Scheduler {
  private readonly runtimes = new Map<string, AgentRuntime>();
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly startedAt: number;
  private timer: unknown;
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.clock = deps.clock ?? realClock;
    this.timers = deps.timers ?? realTimers;
    this.startedAt = this.clock.now();
    for (const agent of deps.agents) {
      const saved = deps.store.agentState(agent.id);
      const rt: AgentRuntime = {
        agent,
        schedules: [],
        windows: [],
        tags: [],
        rules: new Map(),
        ...saved,
        confirmed: false,
        tagPending: new Map(),
        acting: false,
        chain: Promise.resolve(),
      };
      this.runtimes.set(agent.id, rt);
      this.load(rt);
    }
  }

  get timeZone(): string {
    return this.deps.timeZone;
  }

  get store(): ScheduleStore {
    return this.deps.store;
  }

  /** Each agent is looked at once its first poll has told what state it is in. */
  start(): void {
    for (const rt of this.runtimes.values()) void rt.agent.settled().then(() => this.look(rt));
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  /** Looks at every agent now and plans the next wake (the timer calls this; tests call it at a clock of theirs). */
  async tick(): Promise<void> {
    await Promise.all([...this.runtimes.values()].map((rt) => this.evaluate(rt)));
    this.arm();
  }

  /**
   * The agent's schedules changed through the API: read them again, note the change in the event
   * log (by whom), and apply the result before answering, so the answer says where the agent stands.
   */
  async changed(agentId: string, event: DetectedEvent, effect?: string): Promise<ScheduleState> {
    const rt = this.runtime(agentId);
    this.load(rt);
    this.deps.events.record(agentId, event, this.clock.now());
    rt.lastChange = effect;
    await this.look(rt);
    rt.lastChange = undefined;
    rt.agent.refresh();
    return this.state(agentId);
  }

  /** A person is about to pause or resume the agent through the dashboard (see override.ts). */
  humanChange(agentId: string, change: HumanChange, by: string): OverrideTicket | undefined {
    const rt = this.runtimes.get(agentId);
    return rt && beginOverride(rt, change, by, this.context());
  }

  /** Every poll of every agent: a resume made elsewhere, an agent back within reach. */
  onPoll(agentId: string, prev: SlotView<ClientStatus>, next: SlotView<ClientStatus>): void {
    const rt = this.runtimes.get(agentId);
    if (!rt) return;
    const { cameBack } = watchPoll(rt, prev, next, this.context());
    if (!cameBack) return;
    // What waited for the agent is tried now rather than at its next retry.
    if (rt.pending) rt.pending.retryAt = 0;
    for (const p of rt.tagPending.values()) p.retryAt = 0;
    if (rt.pending || rt.tagPending.size > 0 || rt.applied) void this.look(rt);
  }

  state(agentId: string): ScheduleState {
    return stateOf(this.runtime(agentId), this.clock.now());
  }

  schedules(agentId: string): Schedule[] {
    const now = this.clock.now();
    const rt = this.runtime(agentId);
    return rt.schedules.map((s) => scheduleView(s, now, this.deps.timeZone, rt.rules.get(s.id)));
  }

  /** The window muting alerts about this agent at `t`, if any. */
  muteWindow(agentId: string, t: number): Occurrence | undefined {
    const rt = this.runtimes.get(agentId);
    return rt && muteWindowAt(rt.windows, t);
  }

  private runtime(agentId: string): AgentRuntime {
    const rt = this.runtimes.get(agentId);
    if (!rt) throw new Error(`no scheduler runtime for agent ${agentId}`);
    return rt;
  }

  private load(rt: AgentRuntime): void {
    const zone = this.deps.timeZone;
    rt.schedules = this.deps.store.list(rt.agent.id);
    const rules: AgentRuntime["rules"] = new Map();
    for (const s of rt.schedules) {
      const kept = rt.rules.get(s.id);
      rules.set(
        s.id,
        kept?.updatedAt === s.updatedAt
          ? kept
          : { updatedAt: s.updatedAt, window: windowRule(s, zone), tag: tagRule(s, zone) },
      );
    }
    rt.rules = rules;
    const enabled = rt.schedules.filter((s) => s.spec.enabled !== false).map((s) => rules.get(s.id)!);
    rt.windows = enabled.map((r) => r.window).filter((r): r is WindowRule => r !== undefined);
    rt.tags = enabled.map((r) => r.tag).filter((r) => r !== undefined);
    for (const id of rt.tagPending.keys()) if (!rt.tags.some((r) => r.id === id)) rt.tagPending.delete(id);
  }

  private async look(rt: AgentRuntime): Promise<void> {
    await this.evaluate(rt);
    this.arm();
  }

  /** One agent's windows, then its tags, one evaluation at a time. */
  private evaluate(rt: AgentRuntime): Promise<void> {
    const run = async () => {
      if (this.stopped) return;
      await evaluateWindows(rt, this.context());
      await evaluateTags(rt, this.context());
    };
    rt.chain = rt.chain.then(run, run);
    return rt.chain;
  }

  private context(): TagContext {
    return {
      now: this.clock.now(),
      startedAt: this.startedAt,
      record: (r, event) => this.deps.events.record(r.agent.id, event, this.clock.now()),
      save: (r) =>
        this.deps.store.saveAgentState(r.agent.id, {
          ...(r.applied ? { applied: r.applied } : {}),
          ...(r.override ? { override: r.override } : {}),
        }),
      markFired: (s: StoredSchedule, t: number) => {
        s.firedAt = t;
        this.deps.store.setFired(s.id, t);
      },
    };
  }

  /** Sleeps until the next moment anything is due for any agent (a minute at most). */
  private arm(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    let wake = now + MAX_SLEEP_MS;
    const consider = (t: number | undefined) => {
      if (t !== undefined && t < wake) wake = Math.max(t, now);
    };
    for (const rt of this.runtimes.values()) {
      consider(nextBoundary(rt.windows, now));
      consider(rt.override?.until);
      if (rt.applied && rt.applied.timerEnd < rt.applied.target) consider(rt.applied.timerEnd - RENEW_BEFORE_MS);
      consider(rt.pending?.retryAt);
      consider(rt.pending?.until);
      for (const rule of rt.tags) consider(rule.nextFire(now));
      for (const p of rt.tagPending.values()) consider(p.retryAt);
    }
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      void this.tick();
    }, wake - now);
  }
}
