import "server-only";
import type { ChannelType } from "@/lib/bff/contract-alerts";
import type { Notification } from "../notification";

/** A write-only value: given as it is, or (ALERTS_FILE) the name of an environment variable holding it. */
export type SecretValue = string | { env: string };

/** A channel as stored: `secrets` never leaves the server (routes answer `publicChannel` of it). */
export type ChannelRecord = {
  id: string;
  name: string;
  type: ChannelType;
  settings: Record<string, unknown>;
  secrets: Record<string, unknown>;
  source: "ui" | "file";
  createdAt: number;
  updatedAt: number;
};

/** What an HTTP channel sends: always a POST of a JSON body. */
export type HttpRequest = { url: string; headers: Record<string, string>; body: string };

export type Formatted = { kind: "http"; request: HttpRequest } | { kind: "mail"; mail: MailMessage };
export type MailMessage = { subject: string; text: string; html: string };

export type Formatter = (channel: ChannelRecord, n: Notification, deliveryId: string) => Formatted;

export const USER_AGENT = "AgentDeck/1 (+alerts)";

export const COLORS = { error: "#dc2626", warning: "#d97706", info: "#0284c7", resolved: "#16a34a" } as const;
export const colorOf = (n: Notification) => (n.state === "resolved" ? COLORS.resolved : COLORS[n.severity]);

/** The value of a secret field, from the environment when it names a variable; undefined when unset. */
export function secretOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as { env?: unknown }).env === "string") {
    const v = process.env[(value as { env: string }).env];
    return v === undefined || v === "" ? undefined : v;
  }
  return undefined;
}

/** Every secret value a channel holds, resolved: what must never appear in a log line or an error text. */
export function secretValues(channel: ChannelRecord): string[] {
  const out: string[] = [];
  for (const value of Object.values(channel.secrets)) {
    if (value && typeof value === "object" && !("env" in value)) {
      for (const v of Object.values(value as Record<string, unknown>)) {
        const s = secretOf(v);
        if (s) out.push(s);
      }
    } else {
      const s = secretOf(value);
      if (s) out.push(s);
    }
  }
  return out;
}

/** "Run "nightly" on Office PC" and the like, with the state in words for subjects and titles. */
export function stateWord(n: Notification): string {
  return n.state === "resolved"
    ? "Resolved"
    : n.state === "reminder"
      ? "Still open"
      : n.trigger === "TEST"
        ? "Test"
        : "Alert";
}
