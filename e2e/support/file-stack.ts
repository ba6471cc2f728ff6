import { test as base } from "@playwright/test";
import { startSimulator, type Dashboard, type Simulator } from "../../tests/support/processes";
import { Control, DEFAULT_SIM_ARGS, startDashboardFor, type StackOptions } from "../fixtures";

/**
 * For spec files whose tests only read: one simulated agent and one dashboard per file (per set of
 * options, when a describe block sets its own), started by the first test that asks for them and
 * shared by the file's other tests, instead of a pair per test. Nothing a test does may change what
 * the next one sees (no control of the agent, no change through the dashboard): specs that change
 * state use e2e/fixtures.ts, which gives each test its own. A failed test's worker is replaced, and
 * the new worker starts its own processes.
 */
class FileStacks {
  private key: string | undefined;
  private sim: Promise<Simulator> | undefined;
  private dashboard: Promise<Dashboard> | undefined;

  async simFor(key: string, simArgs: string[]): Promise<Simulator> {
    if (key !== this.key) {
      await this.stop();
      this.key = key;
    }
    return (this.sim ??= startSimulator(simArgs));
  }

  async dashboardFor(key: string, options: StackOptions): Promise<Dashboard> {
    const sim = await this.simFor(key, options.simArgs);
    return (this.dashboard ??= startDashboardFor(sim, options.dashboardEnv));
  }

  async stop(): Promise<void> {
    const [dashboard, sim] = [this.dashboard, this.sim];
    this.key = this.dashboard = this.sim = undefined;
    // One that never started has nothing to stop (its test already failed on the reason).
    await (await dashboard?.catch(() => undefined))?.stop();
    await (await sim?.catch(() => undefined))?.stop();
  }
}

type Fixtures = { sim: Simulator; dashboard: Dashboard; control: Control };

export const test = base.extend<StackOptions & Fixtures, { fileStacks: FileStacks }>({
  simArgs: [DEFAULT_SIM_ARGS, { option: true }],
  dashboardEnv: [{}, { option: true }],
  fileStacks: [
    async ({}, use) => {
      const stacks = new FileStacks();
      await use(stacks);
      await stacks.stop();
    },
    { scope: "worker" },
  ],
  sim: async ({ fileStacks, simArgs, dashboardEnv }, use, testInfo) => {
    await use(await fileStacks.simFor(keyOf(testInfo.file, { simArgs, dashboardEnv }), simArgs));
  },
  dashboard: async ({ fileStacks, simArgs, dashboardEnv }, use, testInfo) => {
    const options = { simArgs, dashboardEnv };
    await use(await fileStacks.dashboardFor(keyOf(testInfo.file, options), options));
  },
  control: async ({ sim }, use) => {
    await use(new Control(sim));
  },
  baseURL: async ({ dashboard }, use) => {
    await use(dashboard.url);
  },
});

const keyOf = (file: string, options: StackOptions) => JSON.stringify([file, options.simArgs, options.dashboardEnv]);

export { expect } from "@playwright/test";
