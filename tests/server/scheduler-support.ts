import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { EventKind, StoredEvent } from "@/lib/bff/contract-store";
import { listAgents } from "@/lib/server/agents";
import { getConfig } from "@/lib/server/config";
import { scheduledAgent } from "@/lib/server/schedules";
import { setCurrentScheduler } from "@/lib/server/schedules/current";
import type { Timers } from "@/lib/server/schedules/runtime";
import { Scheduler } from "@/lib/server/schedules/scheduler";
import { ScheduleService } from "@/lib/server/schedules/service";
import { openStore, type Store } from "@/lib/server/store";
import { installEventLog, type EventLog } from "@/lib/server/store/events";
import { ScheduleStore } from "@/lib/server/store/schedules";
import { afterAll, beforeAll } from "vitest";
import { stopCollectors } from "@/lib/server/agents";
import { closeStore } from "@/lib/server/store";
import { startSimulator, type Simulator } from "../support/processes";
import { SimControl, setEnv } from "./helpers";

/**
 * The scheduler as boot installs it (the real store, event log and agent services against the
 * simulated agent), with a clock the test sets and timers that only note when it asked to wake:
 * each test moves the clock and calls tick(), as the timer would, without waiting for real time.
 */
export class TestClock {
  constructor(public t: number) {}
  now = () => this.t;
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
}

/**
 * A simulated agent for the file's tests, the dashboard's configuration pointed at it (polls every
 * 200 ms), and everything stopped after: the collectors, the store, the simulator.
 */
export function useSimulatedAgent(
  simArgs: string[],
  env: Record<string, string | undefined> = {},
): { control: SimControl } {
  let sim: Simulator;
  let restore: () => void;
  const handle = {} as { control: SimControl };
  beforeAll(async () => {
    sim = await startSimulator(simArgs);
    handle.control = new SimControl(sim);
    restore = setEnv({
      AGENT_URL: sim.url,
      AGENT_NAME: "Office PC",
      POLL_INTERVAL_MS: "200",
      BACKGROUND_POLL_MS: "200",
      PORT: "3841",
      DASHBOARD_PASSWORD: undefined,
      AGENTS_FILE: undefined,
      ...env,
    });
  });
  afterAll(async () => {
    stopCollectors();
    closeStore();
    restore();
    await sim.stop();
  });
  return handle;
}

export type Harness = {
  clock: TestClock;
  store: Store;
  log: EventLog;
  scheduler: Scheduler;
  service: ScheduleService;
  /** When the scheduler last asked to be woken (epoch ms on the test's clock). */
  wakeAt(): number | undefined;
  /** The scheduler of a dashboard started again on the same store. */
  restart(): Scheduler;
  events(kinds: EventKind[]): StoredEvent[];
};

export function harness(startIso: string, timeZone = "Europe/Berlin"): Harness {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "agent-deck-scheduler-"));
  const store = openStore(dataDir);
  const log = installEventLog(store, getConfig());
  const clock = new TestClock(Date.parse(startIso));
  let wake: number | undefined;
  const timers: Timers = {
    set: (_fn, ms) => (wake = clock.t + ms),
    clear: () => (wake = undefined),
  };
  const make = () => {
    const scheduler = new Scheduler({
      store: new ScheduleStore(store),
      events: log,
      agents: listAgents(getConfig()).map(scheduledAgent),
      timeZone,
      clock,
      timers,
    });
    setCurrentScheduler(scheduler);
    return scheduler;
  };
  const h: Harness = {
    clock,
    store,
    log,
    scheduler: make(),
    service: undefined as unknown as ScheduleService,
    wakeAt: () => wake,
    restart: () => {
      h.scheduler = make();
      h.service = new ScheduleService(h.scheduler, h.scheduler.store, clock.now);
      return h.scheduler;
    },
    events: (kinds) => log.read.page({ kind: kinds }, 100).events,
  };
  h.service = new ScheduleService(h.scheduler, h.scheduler.store, clock.now);
  return h;
}

/** A poll of every agent that starts now: what the scheduler reads of the agent is current. */
export async function freshPolls(): Promise<void> {
  await Promise.all(listAgents(getConfig()).map((s) => s.collector.pollAfterChange(true)));
}

/** The pauses and resumes the agent was asked for, in order: "pause 3600", "pause", "resume". */
export async function clientChanges(control: SimControl): Promise<string[]> {
  return (await control.requests())
    .filter((r) => r.method === "PATCH" && r.path === "/api/v3/client" && r.status === 200)
    .map((r) =>
      r.query.paused === "true" ? `pause${r.query.resume_timer ? ` ${r.query.resume_timer}` : ""}` : "resume",
    );
}

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const ADMIN = "dashboard (admin, 127.0.0.1)";
