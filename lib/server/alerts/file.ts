import "server-only";
import { safeParse } from "@/lib/agent-api/zod";
import { ChannelInputSchema, RuleInputSchema, SECRET_FIELDS, type Rule } from "@/lib/bff/contract-alerts";
import { quote } from "../config-parse";
import { AppError } from "../errors";
import { splitInput } from "./channel-input";
import type { ChannelRecord } from "./channels/types";
import { ruleFromInput } from "./rule-input";

/**
 * ALERTS_FILE: channels and rules as code, read and checked at start-up like AGENTS_FILE (a bad
 * entry stops the dashboard with one line per problem). A secret may be written as it is or as
 * {"env":"NAME"}, read from that environment variable (which must be set) when a notification is
 * sent, so the file itself can be committed. File entries are shown read-only in the settings.
 *
 *   {"channels":[{"id":"ops","type":"webhook","name":"Ops","url":"https://…","secret":{"env":"OPS_SECRET"}}],
 *    "rules":[{"id":"errors","name":"Run errors","trigger":"run_error","agents":"*","forSeconds":60,"channels":["ops"]}]}
 */
export type FileChannel = Omit<ChannelRecord, "createdAt" | "updatedAt">;
export type FileRule = Omit<Rule, "createdAt" | "updatedAt">;
export type AlertsFile = { path: string; channels: FileChannel[]; rules: FileRule[] };

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
type Env = Readonly<Record<string, string | undefined>>;

const isEnvRef = (v: unknown): v is { env: string } =>
  typeof v === "object" &&
  v !== null &&
  Object.keys(v).length === 1 &&
  typeof (v as { env?: unknown }).env === "string";

/** Env references replaced by their values (for checking), or a problem naming the variable. */
function resolveRefs(value: unknown, env: Env, where: string, errors: string[]): unknown {
  if (isEnvRef(value)) {
    const v = env[value.env];
    if (v === undefined || v === "")
      errors.push(`${where} names the environment variable ${quote(value.env)}, which is not set`);
    return v ?? "unset";
  }
  if (value && typeof value === "object" && !Array.isArray(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, env, `${where}.${k}`, errors)]));
  return value;
}

function issueLine(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string; code?: string; keys?: string[] }[];
}): string {
  const i = error.issues[0];
  if (!i) return "invalid";
  if (i.code === "unrecognized_keys") return `unknown field ${(i.keys ?? []).map(quote).join(", ")}`;
  return `${i.path.map(String).join(".") || "entry"}: ${i.message}`;
}

export function readAlertsFile(
  file: string,
  text: string,
  env: Env,
  agentIds: string[],
  errors: string[],
): AlertsFile | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    errors.push(`ALERTS_FILE ${quote(file)} is not valid JSON`);
    return undefined;
  }
  const root = parsed as { channels?: unknown; rules?: unknown };
  const extra =
    typeof parsed === "object" && parsed ? Object.keys(parsed).filter((k) => k !== "channels" && k !== "rules") : [];
  if (typeof parsed !== "object" || !parsed || Array.isArray(parsed) || extra.length > 0) {
    errors.push(`ALERTS_FILE ${quote(file)} must hold a JSON object {"channels":[...],"rules":[...]}`);
    return undefined;
  }
  const channels: FileChannel[] = [];
  const ids = new Set<string>();
  const entry = (list: string, e: unknown, i: number) => {
    const id =
      typeof e === "object" && e && typeof (e as { id?: unknown }).id === "string"
        ? (e as { id: string }).id
        : undefined;
    const where = `ALERTS_FILE ${list}[${i}]${id !== undefined ? ` (id ${quote(id)})` : ""}`;
    if (id === undefined || !ID.test(id))
      errors.push(`${where}: id is missing or not a lowercase slug such as "ops-webhook"`);
    else if (ids.has(`${list}:${id}`)) errors.push(`${where}: id ${quote(id)} is used by an earlier entry`);
    else ids.add(`${list}:${id}`);
    const { id: _id, ...rest } = (typeof e === "object" && e ? e : {}) as Record<string, unknown>;
    void _id;
    return { id, where, rest };
  };
  (Array.isArray(root.channels) ? root.channels : []).forEach((e: unknown, i) => {
    const { id, where, rest } = entry("channels", e, i);
    const checked = safeParse(ChannelInputSchema, resolveRefs(rest, env, where, errors));
    if (!checked.success) return void errors.push(`${where}: ${issueLine(checked.error)}`);
    if (id === undefined) return;
    const { settings } = splitInput(checked.data);
    // Secrets as written (values or env references), so a rotated variable is read at the next send.
    const secrets = Object.fromEntries(
      SECRET_FIELDS[checked.data.type].filter((k) => rest[k] != null).map((k) => [k, rest[k]]),
    );
    channels.push({ id, name: checked.data.name, type: checked.data.type, settings, secrets, source: "file" });
  });
  const refs = { channelIds: new Set(channels.map((c) => c.id)), agentIds: new Set(agentIds) };
  const rules: FileRule[] = [];
  (Array.isArray(root.rules) ? root.rules : []).forEach((e: unknown, i) => {
    const { id, where, rest } = entry("rules", e, i);
    const checked = safeParse(RuleInputSchema, rest);
    if (!checked.success) return void errors.push(`${where}: ${issueLine(checked.error)}`);
    if (id === undefined) return;
    try {
      const { createdAt, updatedAt, ...rule } = ruleFromInput(checked.data, refs, id, 0, "file");
      void createdAt;
      void updatedAt;
      rules.push(rule);
    } catch (err) {
      const fields = err instanceof AppError ? err.fields : undefined;
      const [field, messages] = Object.entries(fields ?? {})[0] ?? ["entry", ["invalid"]];
      errors.push(`${where}: ${field}: ${messages[0]}${field === "channels" ? " in this file" : ""}`);
    }
  });
  return { path: file, channels, rules };
}

/** ALERTS_FILE read through `readFile` (config's own, so tests can hand it text), or one line saying why not. */
export function loadAlertsFile(
  file: string,
  readFile: (path: string) => string,
  env: Env,
  agents: readonly { id: string }[],
  errors: string[],
): AlertsFile | undefined {
  const agentIds = agents.map((a) => a.id);
  let text: string;
  try {
    text = readFile(file);
  } catch (err) {
    errors.push(`ALERTS_FILE cannot be read (${(err as NodeJS.ErrnoException).code ?? "unreadable"}): ${quote(file)}`);
    return undefined;
  }
  return readAlertsFile(file, text, env, agentIds, errors);
}
