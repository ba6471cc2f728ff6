import "server-only";
import type { Scheduler } from "./scheduler";

/**
 * The process's one scheduler, on globalThis (Next may load a module once per route bundle). Boot
 * installs it; agents.ts reaches it through here without importing the scheduler's own module.
 */
const KEY = Symbol.for("agent-deck.scheduler");
type Holder = { [KEY]?: Scheduler };

export function currentScheduler(): Scheduler | undefined {
  return (globalThis as Holder)[KEY];
}

export function setCurrentScheduler(scheduler: Scheduler | undefined): void {
  const holder = globalThis as Holder;
  holder[KEY]?.stop();
  if (scheduler) holder[KEY] = scheduler;
  else delete holder[KEY];
}
