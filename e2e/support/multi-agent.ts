import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test as base, expect } from "@playwright/test";
import {
  freePort,
  startDashboard,
  startSimulator,
  type Dashboard,
  type Simulator,
} from "../../tests/support/processes";
import { Control } from "../fixtures";
import { FIRST_PAINT_MS, STARTING_TEST_MS } from "./allowances";

/**
 * Several agents behind one dashboard, configured the way a user would: an AGENTS_FILE in a temp
 * directory naming one simulator per agent. An agent with `down: true` gets a URL on a free port
 * where nothing listens (an agent that is switched off).
 */
export type FleetAgent = { id: string; name: string; simArgs?: string[]; tokenAuth?: boolean; down?: boolean };
export type FleetMember = FleetAgent & { url: string; sim?: Simulator; control?: Control };
export type Fleet = {
  dashboard: Dashboard;
  agents: FleetMember[];
  agentsFile: string;
  member: (id: string) => FleetMember & { control: Control };
};

export const DEFAULT_FLEET: FleetAgent[] = [
  { id: "office-pc", name: "Office PC", simArgs: ["--runs", "25"] },
  {
    id: "render-nas",
    name: "Render NAS",
    simArgs: ["--runs", "12", "--seed", "7", "--no-token-auth"],
    tokenAuth: false,
  },
  { id: "lab-mac", name: "Lab Mac", down: true },
];

export async function startFleet(
  agents: FleetAgent[],
  env: Record<string, string> = {},
): Promise<Fleet & { stop: () => Promise<void> }> {
  const members: FleetMember[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-fleet-"));
  const stop = async () => {
    await Promise.all(members.map((m) => m.sim?.stop()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const a of agents) {
      if (a.down) {
        members.push({ ...a, url: `http://127.0.0.1:${await freePort()}` });
      } else {
        const sim = await startSimulator(a.simArgs ?? []);
        members.push({ ...a, url: sim.url, sim, control: new Control(sim) });
      }
    }
    const agentsFile = path.join(dir, "agents.json");
    writeFileSync(
      agentsFile,
      JSON.stringify(members.map((m) => ({ id: m.id, name: m.name, url: m.url, tokenAuth: m.tokenAuth ?? true }))),
    );
    const dashboard = await startDashboard({ AGENTS_FILE: agentsFile, ...env });
    const member = (id: string) => {
      const m = members.find((x) => x.id === id);
      if (!m?.control) throw new Error(`fleet has no running agent ${id}`);
      return m as FleetMember & { control: Control };
    };
    return {
      dashboard,
      agents: members,
      agentsFile,
      member,
      stop: async () => {
        await dashboard.stop();
        await stop();
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Which agents (and extra dashboard environment) a spec wants: `test.use({ fleetSetup: { agents } })`. */
export type FleetSetup = { agents: FleetAgent[]; env?: Record<string, string> };

/** `fleet` starts the agents and the dashboard for one test; `baseURL` points at that dashboard. */
export const test = base.extend<{ fleetSetup: FleetSetup; fleet: Fleet }>({
  // An object, not a bare list: Playwright would read a list given to test.use as [value, options].
  fleetSetup: [{ agents: DEFAULT_FLEET }, { option: true }],
  fleet: async ({ fleetSetup }, use, testInfo) => {
    // Several processes per test on a shared machine: allow for slow starts and slow first paints.
    testInfo.setTimeout(Math.max(testInfo.timeout, STARTING_TEST_MS));
    const fleet = await startFleet(fleetSetup.agents, fleetSetup.env);
    await use(fleet);
    await fleet.stop();
  },
  baseURL: async ({ fleet }, use) => {
    await use(fleet.dashboard.url);
  },
});

/** Pages of a busy machine can take a while to show their first data. */
const slowExpect = expect.configure({ timeout: FIRST_PAINT_MS });
export { slowExpect as expect };
