import net from "node:net";
import { expect, type Page } from "@playwright/test";
import type { Simulator } from "../tests/support/processes";
import { SimControl } from "../tests/server/helpers";
import type { Control } from "./fixtures";
import { FIRST_PAINT_MS } from "./support/allowances";

/**
 * Helpers shared by the fault, heal and concurrency specs: the simulator's control calls the
 * common fixture does not wrap, Prometheus text parsing, and a marker proving a page was not reloaded.
 */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Small intervals so outages and healing happen within seconds; the values are the ones asserted against. */
export const TIMING = { AGENT_TIMEOUT_MS: 1500, POLL_INTERVAL_MS: 500, UI_POLL_INTERVAL_MS: 1000 } as const;
/** A fresh server's first page (see ./support/allowances). */
export const FIRST_LOAD_MS = FIRST_PAINT_MS;
export const TIMING_ENV: Record<string, string> = Object.fromEntries(
  Object.entries(TIMING).map(([k, v]) => [k, String(v)]),
);

/** Upstream requests the simulator logged per "METHOD /template" since the last clear. */
export function simCount(sim: Simulator, key: string): Promise<number> {
  return new SimControl(sim).count(key);
}

/** What the simulated agent really holds now (an empty PUT changes nothing and answers the state). */
export async function agentTruth(
  control: Control,
): Promise<{ paused: boolean; tags: { name: string; value: string }[] }> {
  return (await control.setState({})) as { paused: boolean; tags: { name: string; value: string }[] };
}

/** The value of one Prometheus sample whose labels include `labels` (0 when absent). */
export function metricValue(text: string, name: string, labels: Record<string, string>): number {
  let total = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const wanted = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (wanted) total += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return total;
}

/** Sets a value on `window` that only survives if the page is never reloaded or re-navigated. */
export async function markPage(page: Page): Promise<string> {
  const mark = `mark-${Math.random().toString(36).slice(2)}`;
  await page.evaluate((m) => ((window as unknown as { __faultsMark?: string }).__faultsMark = m), mark);
  return mark;
}

export async function expectSamePage(page: Page, mark: string): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __faultsMark?: string }).__faultsMark)).toBe(mark);
}

/**
 * Polls `done` every 50 ms and returns how many ms after `from` (epoch ms) it first held. Used for
 * heal times: measured rather than merely awaited, so the numbers can be asserted and reported.
 */
export async function msUntil(done: () => Promise<boolean>, from: number, limitMs = 20_000): Promise<number> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await done()) return Date.now() - from;
    await sleep(50);
  }
  throw new Error(`condition not reached within ${limitMs} ms`);
}

/** Epoch ms at which the simulated agent's port accepts connections again (checked every 20 ms). */
export async function agentBackAt(sim: Simulator, limitMs = 30_000): Promise<number> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(sim.port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (up) return Date.now();
    await sleep(20);
  }
  throw new Error(`the agent did not come back within ${limitMs} ms`);
}

/** Records a measured number in the test report (and on stdout, for the list reporter). */
export function report(name: string, value: string): void {
  console.log(`[measure] ${name}: ${value}`);
}
