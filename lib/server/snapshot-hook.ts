import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { AgentIdSchema, FleetPartsSchema, SinceSchema } from "@/lib/bff/contract";
import { listAgents, requireAgent } from "./agents";
import { getConfig } from "./config";
import { AppError, isAppError, statusOf } from "./errors";
import { headerReader } from "./front-door";
import { log } from "./log";
import { countSnapshotAnswer } from "./metrics";
import { resolveAccess, unauthorized } from "./session";
import type { Encoded } from "./snapshot-wire";

/**
 * GET /api/agents/{id}/snapshot[?since=<version>] and GET /api/snapshot[?since=<id>:<version>,...|?parts=summary],
 * answered by the entry, after the front door, from bytes encoded once per poll: Next drops a
 * Content-Encoding set by a route handler and would gzip the same body again for every viewer.
 * Same rules as the API routes: the Host was checked by the front door, sign-in here, inputs
 * validated (400 with field details), errors in the BFF's envelope, never cached.
 */
const ONE = /^\/api\/agents\/([^/?]*)\/snapshot\/?(?:\?(.*))?$/;
const ALL = /^\/api\/snapshot\/?(?:\?(.*))?$/;

export function snapshotHook(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const url = req.url ?? "";
  const one = ONE.exec(url);
  const all = one ? null : ALL.exec(url);
  if (!one && !all) return false;
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  answer(req, one, all)
    .then((body) => send(req, res, 200, body, gzip))
    .catch((err: unknown) => sendError(req, res, err));
  return true;
}

async function answer(
  req: IncomingMessage,
  one: RegExpExecArray | null,
  all: RegExpExecArray | null,
): Promise<Encoded> {
  const config = getConfig();
  if (!resolveAccess(headerReader(req), config)) throw unauthorized();
  if (one) {
    const id = AgentIdSchema.safeParse(safeDecode(one[1] ?? ""));
    if (!id.success)
      throw new AppError("invalid_input", "The agent id is not valid: agentId must be a lowercase slug", {
        agentId: ["agentId must be a lowercase slug"],
      });
    const since = sinceParam(new URLSearchParams(one[2] ?? "").get("since"));
    const { body, delta } = await requireAgent(id.data, config).snapshotSince(since);
    countSnapshotAnswer(delta ? "delta" : "full");
    return body;
  }
  // The fleet: each agent's part is the same bytes its own route serves; only the list is new.
  const query = new URLSearchParams(all?.[1] ?? "");
  const parts = query.get("parts");
  if (parts !== null) {
    const checked = FleetPartsSchema.safeParse(parts);
    const message = checked.error?.issues[0]?.message;
    if (message) throw new AppError("invalid_input", `The query is not valid: ${message}`, { parts: [message] });
  }
  if (parts === "summary") {
    const bodies = await Promise.all(
      listAgents(config).map(async (service) => {
        countSnapshotAnswer("summary");
        return fleetEntry(service.agent.id, service.agent.name, await service.snapshotSummary());
      }),
    );
    return fleetBody(bodies);
  }
  const held = new Map<string, string>();
  for (const entry of (query.get("since") ?? "").split(",").filter(Boolean)) {
    const i = entry.indexOf(":");
    if (i <= 0) throw sinceError();
    held.set(entry.slice(0, i), sinceParam(entry.slice(i + 1))!);
  }
  const answers = await Promise.all(
    listAgents(config).map(async (service) => {
      const { body, delta } = await service.snapshotSince(held.get(service.agent.id));
      countSnapshotAnswer(delta ? "delta" : "full");
      return fleetEntry(service.agent.id, service.agent.name, body);
    }),
  );
  return fleetBody(answers);
}

function fleetEntry(id: string, name: string, body: Encoded): string {
  return `{"id":${JSON.stringify(id)},"name":${asciiString(name)},"snapshot":${body.json.toString("latin1")}}`;
}

function fleetBody(entries: string[]): Encoded {
  const json = Buffer.from(`{"agents":[${entries.join(",")}]}`, "latin1");
  return { json, gzip: gzipSync(json) };
}

function sinceParam(raw: string | null): string | undefined {
  if (raw === null || raw === "") return undefined;
  if (!SinceSchema.safeParse(raw).success) throw sinceError();
  return raw;
}

function sinceError(): AppError {
  const message =
    "since must be a version this dashboard gave out (for the fleet: <agentId>:<version>, comma-separated)";
  return new AppError("invalid_input", `The query is not valid: ${message}`, { since: [message] });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return "";
  }
}

/** Names may hold any character; the body stays ASCII like every other answer. */
function asciiString(s: string): string {
  return JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function send(req: IncomingMessage, res: ServerResponse, status: number, body: Encoded, gzip: boolean): void {
  const bytes = gzip ? body.gzip : body.json;
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    Vary: "Accept-Encoding",
    ...(gzip ? { "Content-Encoding": "gzip" } : {}),
    "Content-Length": bytes.length,
  });
  res.end(req.method === "HEAD" ? undefined : bytes);
}

function sendError(req: IncomingMessage, res: ServerResponse, err: unknown): void {
  const error = isAppError(err)
    ? err
    : new AppError("internal_error", "Something went wrong inside the dashboard; the details are in its log.");
  if (!isAppError(err)) log("error", "internal_error", { message: err instanceof Error ? err.message : String(err) });
  const json = Buffer.from(
    JSON.stringify({
      error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
    }),
  );
  for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
  send(req, res, statusOf(error), { json, gzip: json }, false);
}
