import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startDashboard, startSimulator, type Dashboard, type Simulator } from "../../tests/support/processes";
import { Control } from "../fixtures";

/**
 * Hubs of decks for the specs, configured as a user would: each deck is a dashboard process on its
 * own simulated agent (`local`), with a data folder of its own so it can be stopped and started again
 * where it was; the hub is a third dashboard whose AGENTS_FILE names agents behind those decks.
 */
export type Deck = {
  sim: Simulator;
  control: Control;
  dashboard: Dashboard;
  dataDir: string;
  url: string;
  port: number;
  /** Stops the deck's dashboard (its agent runs on). */
  stopDashboard: () => Promise<void>;
  /** Starts the deck's dashboard again, on the same port and data folder. */
  startAgain: () => Promise<void>;
  stop: () => Promise<void>;
};

export async function startDeck(simArgs: string[], env: Record<string, string> = {}): Promise<Deck> {
  const sim = await startSimulator(simArgs);
  const dataDir = mkdtempSync(path.join(tmpdir(), "agent-deck-deck-"));
  const settings = { AGENT_URL: sim.url, AGENT_NAME: "Deck's agent", DATA_DIR: dataDir, ...env };
  const deck: Deck = {
    sim,
    control: new Control(sim),
    dashboard: await startDashboard(settings),
    dataDir,
    url: "",
    port: 0,
    stopDashboard: () => deck.dashboard.stop(),
    startAgain: async () => {
      deck.dashboard = await startDashboard(settings, deck.port);
    },
    stop: async () => {
      await Promise.all([deck.dashboard.stop(), sim.stop()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  deck.url = deck.dashboard.url;
  deck.port = deck.dashboard.port;
  return deck;
}

/** An API token of the deck, made through its API as its admin (open on loopback), shown once. */
export async function deckToken(deck: Deck, name: string, scope: "read" | "operate" | "admin") {
  const res = await fetch(`${deck.url}/api/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: deck.url },
    body: JSON.stringify({ name, scope }),
  });
  if (res.status !== 201) throw new Error(`token on the deck: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: { id: number }; secret: string };
  return { id: body.token.id, secret: body.secret };
}

export async function revokeDeckToken(deck: Deck, id: number): Promise<void> {
  const res = await fetch(`${deck.url}/api/tokens/${id}`, {
    method: "DELETE",
    headers: { "Content-Type": "application/json", Origin: deck.url },
  });
  if (!res.ok) throw new Error(`revoke on the deck: ${res.status} ${await res.text()}`);
}

export type Hub = { dashboard: Dashboard; agentsFile: string; stop: () => Promise<void> };

/** The hub: `entries` are its AGENTS_FILE (deck entries and local ones alike). */
export async function startHub(entries: object[], env: Record<string, string> = {}): Promise<Hub> {
  const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-hub-"));
  const agentsFile = path.join(dir, "agents.json");
  writeFileSync(agentsFile, JSON.stringify(entries));
  const dashboard = await startDashboard({ AGENTS_FILE: agentsFile, ...env });
  return {
    dashboard,
    agentsFile,
    stop: async () => {
      await dashboard.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An agent's event log as a dashboard serves it. */
export async function eventsOf(url: string, agent: string) {
  const res = await fetch(`${url}/api/agents/${agent}/events?limit=500`);
  return ((await res.json()) as { events: { kind: string; message: string; actor?: string; agent: string }[] }).events;
}
