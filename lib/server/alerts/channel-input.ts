import "server-only";
import { randomBytes } from "node:crypto";
import { safeParse } from "@/lib/agent-api/zod";
import {
  ChannelInputSchema,
  ChannelInputSchemas,
  SECRET_FIELDS,
  type Channel,
  type ChannelInput,
  type ChannelType,
} from "@/lib/bff/contract-alerts";
import { AppError } from "../errors";
import { validationError } from "../request-body";
import type { ChannelRecord } from "./channels/types";

/**
 * Channels between the API and the store: an input split into its public settings and its
 * write-only secrets, a PATCH merged into what is stored (a secret left out is kept, null removes
 * it), and the public view every answer is made of, which has no secret value by construction.
 */
export const newId = (prefix: string) => `${prefix}-${randomBytes(5).toString("hex")}`;

export function splitInput(input: ChannelInput): {
  settings: Record<string, unknown>;
  secrets: Record<string, unknown>;
} {
  const secretNames = SECRET_FIELDS[input.type];
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key === "type" || key === "name" || value === undefined || value === null) continue;
    if (secretNames.includes(key)) secrets[key] = value;
    else settings[key] = value;
  }
  return { settings, secrets };
}

export function channelFromInput(input: ChannelInput, id: string, now: number, source: "ui" | "file"): ChannelRecord {
  return { id, name: input.name, type: input.type, ...splitInput(input), source, createdAt: now, updatedAt: now };
}

/** A PATCH of a stored channel: fields of its own type only; the result is checked whole. */
export function patchChannel(existing: ChannelRecord, raw: unknown, now: number): ChannelRecord {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new AppError("invalid_input", "The request body is not valid: send a JSON object", {
      body: ["Expected an object"],
    });
  const patch = raw as Record<string, unknown>;
  if (patch.type !== undefined && patch.type !== existing.type)
    throw new AppError("invalid_input", "The request body is not valid: type: a channel's type cannot change", {
      type: ["A channel's type cannot change; add a new channel instead"],
    });
  const merged: Record<string, unknown> = { ...existing.settings, ...existing.secrets, name: existing.name };
  for (const [key, value] of Object.entries(patch)) merged[key] = value;
  merged.type = existing.type;
  for (const key of SECRET_FIELDS[existing.type]) if (merged[key] === null) delete merged[key];
  const parsed = safeParse(ChannelInputSchemas[existing.type as ChannelType], merged);
  if (!parsed.success) throw validationError(parsed.error);
  return { ...channelFromInput(parsed.data, existing.id, existing.createdAt, existing.source), updatedAt: now };
}

export function parseChannelInput(raw: unknown): ChannelInput {
  const parsed = safeParse(ChannelInputSchema, raw);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** What any answer shows of a channel: never a secret's value, only whether it is set. */
export function publicChannel(c: ChannelRecord): Channel {
  const secretFields = SECRET_FIELDS[c.type].filter((k) => c.secrets[k] !== undefined);
  const headers = c.secrets.headers;
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    settings: { ...c.settings },
    secretSet: secretFields.length > 0,
    secretFields,
    ...(headers && typeof headers === "object" ? { headerNames: Object.keys(headers) } : {}),
    source: c.source,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** Where a channel sends, in words for the timeline (no secret: Slack's and Discord's URLs are not shown). */
export function channelTarget(c: ChannelRecord): string {
  switch (c.type) {
    case "webhook":
      // The host only: a webhook's path or query may carry a key of its own.
      return `webhook to ${hostOf(String(c.settings.url))}`;
    case "ntfy":
      return `${String(c.settings.server)} topic ${String(c.settings.topic)}`;
    case "email":
      return `${(c.settings.to as string[]).join(", ")} via ${String(c.settings.host)}`;
    default:
      return `${c.type} webhook`;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "?";
  }
}
