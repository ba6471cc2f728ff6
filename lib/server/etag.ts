import "server-only";
import { createHash } from "node:crypto";
import type { $ZodType, input } from "zod/v4/core";
import { safeParse } from "@/lib/agent-api/zod";

/**
 * Large JSON answers (the runs list: about 2 MB at 5,000 runs) serialised and hashed once per
 * cached value and shared by every viewer within a poll interval, not once per request.
 * Compression is Next's (`compress`, on by default, also in the standalone server): it drops a
 * Content-Encoding set by a route handler, so a body cannot be compressed here once for everyone.
 */
type Encoded = { body: string; etag: string };
const memo = new WeakMap<object, Encoded>();

/**
 * JSON with every non-ASCII character written as a \u escape. Same JSON, a few percent longer, but
 * a browser decodes a pure-ASCII body several times faster and keeps it as a one-byte string that
 * JSON.parse also reads faster: one non-ASCII run name otherwise makes the whole 2 MB body two-byte.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function encodeJson(value: object): Encoded {
  let entry = memo.get(value);
  if (!entry) {
    const body = asciiJson(value);
    entry = { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"` };
    memo.set(value, entry);
  }
  return entry;
}

/** If-None-Match may list several tags, or `*`; weak comparison as RFC 9110 prescribes for GET. */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

/**
 * A JSON answer with an ETag: 304 with no body when the client's copy is current. Produced through
 * its contract schema like every answer, checked once per value (with its encoding), not per request.
 */
export function cachedJsonResponse<S extends $ZodType>(
  headers: Headers,
  schema: S,
  value: input<S> & object,
): Response {
  if (!memo.has(value) && !safeParse(schema, value).success) throw new Error("answer does not fit its contract");
  const { body, etag } = encodeJson(value);
  if (matchesEtag(headers.get("if-none-match"), etag))
    return new Response(null, { status: 304, headers: { ETag: etag } });
  return new Response(body, { status: 200, headers: { "Content-Type": "application/json", ETag: etag } });
}
