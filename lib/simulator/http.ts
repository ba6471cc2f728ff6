import type { IncomingMessage, ServerResponse } from "node:http";

/** A complete answer, built before anything is written, so faults can rewrite it. */
export interface Reply {
  status: number;
  /** A Buffer only when the bytes matter more than the text (a truncated answer). */
  body: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export const JSON_TYPE = "application/json; charset=utf-8";

export function json(status: number, value: unknown): Reply {
  return { status, body: JSON.stringify(value), contentType: JSON_TYPE };
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  const body = typeof reply.body === "string" ? Buffer.from(reply.body, "utf8") : reply.body;
  res.writeHead(reply.status, {
    ...(reply.contentType ? { "Content-Type": reply.contentType } : {}),
    "Content-Length": String(body.length),
    ...reply.headers,
  });
  res.end(body);
}

export class BodyTooLargeError extends Error {}

/** Reads a request body as UTF-8, refusing more than `limit` bytes (the agent is not a file store). */
export function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLargeError(`body over ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Parses JSON, telling "no body" (undefined) apart from "bad body" (a thrown SyntaxError). */
export function parseJsonBody(text: string): unknown {
  return text.trim() === "" ? undefined : (JSON.parse(text) as unknown);
}

/** Query parameters as an object (last value wins), secret ones replaced by "***". */
export function queryObject(
  params: URLSearchParams,
  isSecret: (key: string) => boolean = () => false,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) out[key] = isSecret(key) ? "***" : value;
  return out;
}
