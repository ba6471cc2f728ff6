import "server-only";
import { z } from "zod";
import { AgentIdSchema } from "@/lib/bff/contract";
import { TOKEN_PATTERN } from "@/lib/bff/contract-tokens";
import { agentUrl, oneLineText, quote } from "./config-parse";

/*
 * AGENTS_FILE: a JSON list of agents, each either on this machine (`url`: the agent's API) or behind
 * another Agent Deck (`deck`: that dashboard, `agent`: the agent's id there, with an API token of
 * that deck). Every bad entry is one line naming it; a deck's address and token are never echoed.
 */

/** An agent this dashboard reaches itself. The URL stays on the server; the browser sees id and name. */
export type LocalAgentConfig = { id: string; name: string; url: string; tokenAuth: boolean; deck?: undefined };

/** Where an agent behind another Agent Deck is, and how to ask that deck. Never shown to anyone. */
export type DeckLink = {
  /** The deck's base URL (http or https), without a trailing slash. */
  url: string;
  /** The agent's id on that deck. */
  agent: string;
  /** An API token of that deck (`adk_…`); none for a deck open on loopback. */
  token?: string;
  /** PEM certificates to trust for an https deck with a private certificate. */
  ca?: string;
};

export type RemoteAgentConfig = { id: string; name: string; deck: DeckLink };
export type AgentConfig = LocalAgentConfig | RemoteAgentConfig;

export const isRemote = (a: AgentConfig): a is RemoteAgentConfig => a.deck !== undefined;

export type Env = Readonly<Record<string, string | undefined>>;
export type ReadFile = (path: string) => string;

const LocalEntrySchema = z.strictObject({
  id: AgentIdSchema,
  name: z.string(),
  url: z.string(),
  tokenAuth: z.boolean().optional(),
});
const DeckEntrySchema = z.strictObject({
  id: AgentIdSchema,
  name: z.string(),
  deck: z.string(),
  agent: AgentIdSchema,
  token: z.string().optional(),
  tokenEnv: z.string().optional(),
  ca: z.string().optional(),
});

const HINTS: Record<string, string> = {
  id: ' (a lowercase slug such as "office-pc")',
  tokenAuth: " (true or false)",
  agent: ' (the agent\'s id on that deck, a lowercase slug such as "local")',
};
const ALLOWED = { local: "id, name, url, tokenAuth", deck: "id, name, deck, agent, token, tokenEnv, ca" };
const TOKEN_HINT =
  "an API token of that deck: adk_ and 43 characters, made there with npm run token -- create --name hub --scope operate";

/** The deck's base URL, or an error line that does not repeat it (it may carry what it should not). */
function deckUrl(raw: string, where: string, errors: string[]): string | undefined {
  const url = agentUrl(raw, "deck", []);
  if (url === undefined)
    errors.push(
      `${where}: deck must be the http:// or https:// address of an Agent Deck, without credentials, query or fragment, such as http://pc2.lan:3841`,
    );
  return url;
}

function deckToken(entry: z.infer<typeof DeckEntrySchema>, where: string, env: Env, errors: string[]) {
  if (entry.token !== undefined && entry.tokenEnv !== undefined) {
    errors.push(`${where}: give the deck's token as token or through tokenEnv, not both`);
    return undefined;
  }
  if (entry.tokenEnv !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(entry.tokenEnv)) {
      errors.push(`${where}: tokenEnv must name an environment variable, such as PC2_DECK_TOKEN`);
      return undefined;
    }
    const value = env[entry.tokenEnv]?.trim();
    if (!value) errors.push(`${where}: tokenEnv names ${entry.tokenEnv}, which is not set`);
    else if (!TOKEN_PATTERN.test(value)) errors.push(`${where}: ${entry.tokenEnv} (tokenEnv) must hold ${TOKEN_HINT}`);
    else return value;
    return undefined;
  }
  if (entry.token !== undefined && !TOKEN_PATTERN.test(entry.token.trim())) {
    errors.push(`${where}: token must be ${TOKEN_HINT}`);
    return undefined;
  }
  return entry.token?.trim();
}

function deckCa(file: string, url: string, where: string, readFile: ReadFile, errors: string[]) {
  if (!url.startsWith("https:")) {
    errors.push(`${where}: ca is the certificate of an https:// deck; this deck's address is http://`);
    return undefined;
  }
  let pem: string;
  try {
    pem = readFile(file);
  } catch (err) {
    errors.push(`${where}: ca cannot be read (${(err as NodeJS.ErrnoException).code ?? "unreadable"}): ${quote(file)}`);
    return undefined;
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
    errors.push(`${where}: ca ${quote(file)} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    return undefined;
  }
  return pem;
}

function entryError(where: string, kind: "local" | "deck", issue: z.core.$ZodIssue | undefined): string {
  if (issue?.code === "unrecognized_keys")
    return `${where}: unknown field ${issue.keys.map((k) => quote(k)).join(", ")} (allowed: ${ALLOWED[kind]})`;
  const field = issue?.path.join(".") || "entry";
  return `${where}: ${field} is missing or invalid${HINTS[field] ?? ""}`;
}

function parseEntry(entry: unknown, where: string, env: Env, readFile: ReadFile, errors: string[]) {
  const fields = typeof entry === "object" && entry !== null ? entry : {};
  if ("deck" in fields && "url" in fields) {
    errors.push(
      `${where}: an entry names url (an agent this dashboard reaches) or deck (an agent behind another Agent Deck), not both`,
    );
    return undefined;
  }
  if ("deck" in fields) {
    const r = DeckEntrySchema.safeParse(entry);
    if (!r.success) return void errors.push(entryError(where, "deck", r.error.issues[0]));
    const name = oneLineText(r.data.name, `${where}: name`, errors);
    const url = deckUrl(r.data.deck, where, errors);
    const token = deckToken(r.data, where, env, errors);
    const ca = r.data.ca === undefined || !url ? undefined : deckCa(r.data.ca, url, where, readFile, errors);
    if (name === undefined || url === undefined || (r.data.ca !== undefined && ca === undefined)) return undefined;
    if ((r.data.token ?? r.data.tokenEnv) !== undefined && token === undefined) return undefined;
    const deck: DeckLink = { url, agent: r.data.agent, ...(token ? { token } : {}), ...(ca ? { ca } : {}) };
    return { id: r.data.id, name, deck } satisfies RemoteAgentConfig;
  }
  const r = LocalEntrySchema.safeParse(entry);
  if (!r.success) return void errors.push(entryError(where, "local", r.error.issues[0]));
  const name = oneLineText(r.data.name, `${where}: name`, errors);
  const url = agentUrl(r.data.url, `${where}: url`, errors);
  if (name === undefined || url === undefined) return undefined;
  return { id: r.data.id, name, url, tokenAuth: r.data.tokenAuth ?? true } satisfies LocalAgentConfig;
}

/** AGENTS_FILE: a JSON list of agents; replaces the single `local` agent described by AGENT_*. */
export function agentsFromFile(file: string, env: Env, readFile: ReadFile, errors: string[]): AgentConfig[] {
  let raw: string;
  try {
    raw = readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "unreadable";
    errors.push(`AGENTS_FILE cannot be read (${code}): ${quote(file)}`);
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    errors.push(`AGENTS_FILE ${quote(file)} is not valid JSON`);
    return [];
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    errors.push(
      `AGENTS_FILE ${quote(file)} must hold a non-empty JSON list of {"id","name","url","tokenAuth"?} or {"id","name","deck","agent","token"?}`,
    );
    return [];
  }
  const agents: AgentConfig[] = [];
  const seen = new Set<string>();
  parsed.forEach((entry: unknown, i) => {
    const id =
      typeof entry === "object" && entry && "id" in entry && typeof entry.id === "string" ? entry.id : undefined;
    const where = `AGENTS_FILE entry ${i}${id !== undefined ? ` (id ${quote(id)})` : ""}`;
    if (id !== undefined && seen.has(id) && AgentIdSchema.safeParse(id).success) {
      errors.push(`${where}: id ${quote(id)} is used by an earlier entry; ids must be unique`);
      return;
    }
    const agent = parseEntry(entry, where, env, readFile, errors);
    if (!agent) return;
    seen.add(agent.id);
    agents.push(agent);
  });
  return agents;
}
