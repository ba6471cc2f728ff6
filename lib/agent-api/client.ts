import * as z from "./zod";

/** The eight documented `server.state` values, each with the vendor's meaning in plain words. */
export const SERVER_STATES = {
  NOT_CONFIGURED: "Connection to a Management Console is not configured yet.",
  NOT_CONNECTED: "Not connected to the configured Management Console.",
  CONNECTING: "Establishing a connection to the Management Console.",
  CONNECTED: "Connected to the Management Console.",
  PENDING_APPROVAL: "Connected, waiting for the Management Console to approve or decline this agent.",
  DECLINED: "The Management Console declined this agent's connection.",
  STOPPED: "The network is not available on the agent's host.",
  WAITING_FOR_INCOMING_CONNECTION: "Waiting for an incoming connection (Proxy Server mode).",
} as const;

export type KnownServerState = keyof typeof SERVER_STATES;
export const KNOWN_SERVER_STATES = Object.keys(SERVER_STATES) as KnownServerState[];

export function describeServerState(state: string): string {
  return (SERVER_STATES as Record<string, string>)[state] ?? `Unknown state reported by the agent: ${state}.`;
}

/**
 * `restartRequired` is documented as the string "true" (from v4.1.0), absent otherwise.
 * Accept a boolean or "false" too, and normalise to a boolean.
 */
export const RestartRequiredSchema = z.pipe(
  z.optional(z.union([z.boolean(), z.enum(["true", "false"])])),
  z.transform((v: boolean | "true" | "false" | undefined) => v === true || v === "true"),
);

/** `server` block: older agents may omit `last_seen`; an unknown state string must still pass. */
export const AgentServerSchema = z.looseObject({
  addr: z.optional(z.string()),
  last_seen: z.optional(z.number()),
  state: z.string(),
});

/** GET /api/v3/client, as the agent sends it (tolerant reader: extra fields pass through). */
export const AgentClientStatusSchema = z.looseObject({
  deviceid: z.optional(z.string()),
  deviceidHex: z.optional(z.string()),
  name: z.optional(z.string()),
  paused: z.boolean(),
  restartRequired: RestartRequiredSchema,
  server: z.optional(AgentServerSchema),
});

/** The raw wire shape (before the restartRequired transform), used by the simulator's fixtures. */
export type AgentClientStatusWire = z.input<typeof AgentClientStatusSchema>;
/** The BFF's shape: documented field names, `restartRequired` a boolean. */
export type ClientStatus = z.output<typeof AgentClientStatusSchema>;

export const TokenResponseSchema = z.looseObject({ token: z.string().check(z.minLength(1)) });
