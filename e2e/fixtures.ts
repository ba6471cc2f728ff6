import { test as base, expect } from "@playwright/test";
import { startDashboard, startSimulator, type Dashboard, type Simulator } from "../tests/support/processes";

/**
 * Each test gets its own simulated agent and its own dashboard process, configured by environment
 * exactly as a user would configure them, so tests that pause, restart or tag never see each other.
 */
export type StackOptions = { simArgs: string[]; dashboardEnv: Record<string, string> };
type Fixtures = { sim: Simulator; dashboard: Dashboard; control: Control };

export class Control {
  constructor(private readonly sim: Simulator) {}
  private async call(method: string, path: string, body?: unknown) {
    const res = await fetch(this.sim.controlUrl + path, {
      method,
      headers: body ? { "content-type": "application/json" } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
  fault(fault: Record<string, unknown>) {
    return this.call("PUT", "/faults", fault);
  }
  clearFaults() {
    return this.call("DELETE", "/faults");
  }
  setState(state: Record<string, unknown>) {
    return this.call("PUT", "/state", state);
  }
  async state() {
    return (await this.call("GET", "/state")) as { paused: boolean; tags: { name: string; value: string }[] };
  }
  /** Puts one run into a status now (see PUT /run in lib/simulator/README.md). */
  setRun(run: { runId: number; status: string; errors?: unknown[] }) {
    return this.call("PUT", "/run", run);
  }
  async requests() {
    return (await this.call("GET", "/requests")) as {
      /** When the agent received it (ms since the epoch). */
      t: number;
      method: string;
      path: string;
      query: Record<string, string>;
      status: number;
    }[];
  }
  clearRequests() {
    return this.call("DELETE", "/requests");
  }
  /**
   * The requests that changed something. Reads never reach the agent on a viewer's behalf (the
   * collector polls it on its own clock, whoever asks), so what an attack could push through is a change.
   */
  async changes() {
    return (await this.requests()).filter((r) => r.method !== "GET");
  }
  async tokens() {
    return (await this.call("GET", "/tokens")) as string[];
  }
}

/** The simulated agent every spec gets unless it says otherwise with `test.use({ simArgs })`. */
export const DEFAULT_SIM_ARGS = ["--runs", "25", "--restart-downtime-ms", "2000"];

/** The dashboard a spec gets: watching `sim` as "Office PC", with the spec's extra environment. */
export function startDashboardFor(sim: Simulator, env: Record<string, string>): Promise<Dashboard> {
  return startDashboard({ AGENT_URL: sim.url, AGENT_NAME: "Office PC", ...env });
}

export const test = base.extend<StackOptions & Fixtures>({
  simArgs: [DEFAULT_SIM_ARGS, { option: true }],
  dashboardEnv: [{}, { option: true }],
  sim: async ({ simArgs }, use) => {
    const sim = await startSimulator(simArgs);
    await use(sim);
    await sim.stop();
  },
  dashboard: async ({ sim, dashboardEnv }, use) => {
    const dashboard = await startDashboardFor(sim, dashboardEnv);
    await use(dashboard);
    await dashboard.stop();
  },
  control: async ({ sim }, use) => {
    await use(new Control(sim));
  },
  baseURL: async ({ dashboard }, use) => {
    await use(dashboard.url);
  },
});

export { expect };
