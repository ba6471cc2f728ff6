import "server-only";
import type { $ZodError, $ZodType, output } from "zod/v4/core";
import { safeParse } from "@/lib/agent-api/zod";
import "./zod-messages";
import { AppError } from "./errors";
import type { UpstreamResponse } from "./upstream-http";

/**
 * Turns an agent's answer into validated data, or into one short sentence a person can act on.
 * Upstream text is never echoed: it could carry anything, including the token. Every "unreadable
 * answer" sentence starts with the same words, so the page can show it as it is.
 */
const PREFIX = "The agent answered with data this dashboard cannot read";

/** `runs[3].size_total`: the path a person would type to find the bad value in the agent's JSON. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (typeof seg === "string" && /^[A-Za-z_$][\w$]*$/.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

export function describeZodError(root: string, error: $ZodError): string {
  const [first, ...rest] = error.issues;
  if (!first) return PREFIX;
  const what = first.message.replace(/^Invalid input: /, "");
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length === 1 ? "" : "s"})` : "";
  return `${PREFIX}: ${formatPath(root, first.path)} ${what}${more}`;
}

/** Parses JSON text, telling HTML error pages, empty bodies and cut-off JSON apart. */
export function parseJsonBody(res: UpstreamResponse): unknown {
  const text = res.body.toString("utf8");
  const trimmed = text.trim();
  if (trimmed === "") throw new AppError("agent_bad_response", `${PREFIX}: an empty body instead of JSON`);
  if (/html/i.test(res.contentType) || trimmed.startsWith("<")) {
    throw new AppError(
      "agent_bad_response",
      `${PREFIX}: an HTML page instead of JSON (is something else listening on its port?)`,
    );
  }
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    throw new AppError("agent_bad_response", `${PREFIX}: the JSON is malformed or cut off`);
  }
}

export function decode<S extends $ZodType>(res: UpstreamResponse, schema: S, root: string): output<S> {
  const parsed = safeParse(schema, parseJsonBody(res));
  if (!parsed.success) throw new AppError("agent_bad_response", describeZodError(root, parsed.error));
  return parsed.data;
}
