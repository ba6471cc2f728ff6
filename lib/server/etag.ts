import "server-only";
import { createHash } from "node:crypto";

/**
 * Serialised body and ETag per cached value: the runs list can be megabytes, and every viewer
 * within one poll interval shares the same array object, so hash it once, not once per request.
 */
const memo = new WeakMap<object, { body: string; etag: string }>();

export function jsonWithEtag(value: object): { body: string; etag: string } {
  let entry = memo.get(value);
  if (!entry) {
    const body = JSON.stringify(value);
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
