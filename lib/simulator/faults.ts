import type { ServerResponse } from "node:http";
import { z } from "zod";
import { JSON_TYPE, type Reply } from "./http";

const MAX_MS = 600_000;
export const DEFAULT_OVERSIZED_BYTES = 40 * 1024 * 1024;

/** Optional scope: path prefixes (segment-wise) and methods the fault applies to. */
const scope = {
  paths: z.array(z.string().startsWith("/")).min(1).optional(),
  methods: z
    .array(
      z
        .string()
        .min(1)
        .transform((m) => m.toUpperCase()),
    )
    .min(1)
    .optional(),
};

/** The faults the agent can be told to show; strict so a typo in a test fails loudly. */
export const FaultSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("latency"), ms: z.number().int().min(0).max(MAX_MS), ...scope }),
  // A socket-level fault: it cannot be scoped to paths, the whole agent goes away.
  z.strictObject({ kind: z.literal("refuse"), ms: z.number().int().min(1).max(MAX_MS) }),
  z.strictObject({ kind: z.literal("http500"), ...scope }),
  z.strictObject({ kind: z.literal("html"), status: z.union([z.literal(200), z.literal(500)]).default(200), ...scope }),
  z.strictObject({ kind: z.literal("truncated"), ...scope }),
  z.strictObject({ kind: z.literal("wrong-types"), ...scope }),
  z.strictObject({ kind: z.literal("empty"), ...scope }),
  // What an agent without the endpoint answers, as for any unknown path: e.g. /api/v3/runs on an
  // agent before 3.0, or /api/v3/tags before 2.10.
  z.strictObject({ kind: z.literal("not-found"), ...scope }),
  z.strictObject({
    kind: z.literal("oversized"),
    bytes: z
      .number()
      .int()
      .min(1)
      .max(2 ** 30)
      .default(DEFAULT_OVERSIZED_BYTES),
    ...scope,
  }),
  z.strictObject({ kind: z.literal("hang"), ...scope }),
  // The doc's sample for GET /api/v3/runs/{run_id} is a list: an agent that answers that endpoint
  // with its whole list, which lacks the id when it has no such run (a client must not pick another).
  z.strictObject({ kind: z.literal("run-list"), ...scope }),
]);
export type Fault = z.output<typeof FaultSchema>;
export type FaultKind = Fault["kind"];
export const FAULT_KINDS: readonly FaultKind[] = [
  "latency",
  "refuse",
  "http500",
  "html",
  "truncated",
  "wrong-types",
  "empty",
  "not-found",
  "oversized",
  "hang",
  "run-list",
];

const TOKEN_PATH = "/api/v3/token";

function pathMatches(prefix: string, path: string): boolean {
  return path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`);
}

/** The one active fault. The token endpoint is exempt unless a fault names it explicitly. */
export class FaultState {
  private fault: Fault | null = null;

  get current(): Fault | null {
    return this.fault;
  }

  set(fault: Fault | null): void {
    this.fault = fault;
  }

  /** The fault to apply to this request, if any (never "refuse": that one acts on the socket). */
  forRequest(method: string, path: string): Exclude<Fault, { kind: "refuse" }> | null {
    const f = this.fault;
    if (!f || f.kind === "refuse") return null;
    if (f.methods && !f.methods.includes(method)) return null;
    // Only an exact listing breaks token fetching: "/api" as a prefix is about the data endpoints.
    if (path === TOKEN_PATH) return f.paths?.includes(TOKEN_PATH) ? f : null;
    return !f.paths || f.paths.some((p) => pathMatches(p, path)) ? f : null;
  }
}

const HTML_PAGE =
  "<!DOCTYPE html>\n<html><head><title>Error</title></head>" +
  "<body><h1>Something went wrong</h1><p>The server could not complete your request.</p></body></html>\n";

/** Faults that replace the answer outright (the agent did not get to act on the request). */
export function replacementReply(
  fault: { kind: "http500" } | { kind: "html"; status: 200 | 500 } | { kind: "empty" } | { kind: "not-found" },
): Reply {
  switch (fault.kind) {
    case "http500":
      return { status: 500, body: JSON.stringify({ error: "internal error" }), contentType: JSON_TYPE };
    case "html":
      return { status: fault.status, body: HTML_PAGE, contentType: "text/html; charset=utf-8" };
    case "empty":
      return { status: 200, body: "", contentType: JSON_TYPE };
    case "not-found":
      return { status: 404, body: JSON.stringify({ error: "not found" }), contentType: JSON_TYPE };
  }
}

/**
 * The "run-list" fault: one run's endpoint answers 200 with every run, as `GET /api/v3/runs` does,
 * where the agent would have answered the run (200) or "not found" (404). Other answers (a bad id,
 * a rejected token) and other endpoints are left as they are.
 */
export function runListReply(template: string, reply: Reply, runsJson: () => string): Reply {
  if (template !== "/api/v3/runs/{run_id}" || (reply.status !== 200 && reply.status !== 404)) return reply;
  return { status: 200, body: runsJson(), contentType: JSON_TYPE };
}

/** Fields a dashboard reads, each swapped for a value of the wrong type. */
const WRONG_TYPES: Record<string, unknown> = {
  paused: "maybe",
  size_total: "big",
  size_completed: [],
  down_speed: "fast",
  eta: "soon",
  run_id: "five",
  last_seen: "yesterday",
  state: 7,
  tags: "none",
  token: 12345,
};

function twist(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(twist);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k in WRONG_TYPES ? WRONG_TYPES[k] : twist(v)]));
}

/** Faults that damage the real answer (the agent did act on the request). */
export function corruptReply(kind: "truncated" | "wrong-types", reply: Reply): Reply {
  if (kind === "truncated") {
    const bytes = typeof reply.body === "string" ? Buffer.from(reply.body, "utf8") : reply.body;
    // Cut by bytes, as a dropped connection would: the cut may split a UTF-8 sequence too.
    return { ...reply, body: bytes.subarray(0, Math.floor(bytes.length / 2)) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.body.toString());
  } catch {
    return reply;
  }
  return { ...reply, body: JSON.stringify(twist(parsed)) };
}

/**
 * Streams a valid JSON array of run-like objects of at least `bytes` bytes, with no
 * Content-Length, so the reader must enforce its own size limit while reading. Respects
 * backpressure and stops when the reader hangs up.
 */
export function streamOversized(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { "Content-Type": JSON_TYPE });
  let sent = 0;
  let nextId = 1;
  const padding = "x".repeat(400);
  const writeMore = (): void => {
    while (sent < bytes) {
      if (res.destroyed) return;
      const items: string[] = [];
      for (let k = 0; k < 128; k++) {
        items.push(JSON.stringify({ run_id: nextId++, name: `Padding ${padding}`, type: "folder", status: "syncing" }));
      }
      const chunk = (sent === 0 ? "[" : ",") + items.join(",");
      sent += Buffer.byteLength(chunk);
      if (!res.write(chunk)) {
        res.once("drain", writeMore);
        return;
      }
    }
    res.end("]");
  };
  writeMore();
}
