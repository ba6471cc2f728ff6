import "server-only";
import type { $ZodError, $ZodIssue } from "zod/v4/core";
import { AgentIdSchema, RunIdSchema } from "@/lib/bff/contract";
import { AppError } from "./errors";

/** Request bodies are small JSON objects; anything bigger is refused before it is buffered. */
export const MAX_BODY_BYTES = 64 * 1024;

export async function readJsonBody(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        // Chunked bodies carry no length up front: stop reading the moment the cap is passed.
        await reader.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new AppError("invalid_input", "The request body is empty; send a JSON object");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid_input", "The request body is not valid JSON");
  }
}

function tooLarge(): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024} KB`);
}

type Issue = $ZodIssue;

/** For a union (pause | resume | restart), the branch the client most likely meant: fewest problems. */
function flatten(issues: readonly Issue[]): Issue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
    const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
    return flatten(best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue));
  });
}

/** 400 with `fields`: each offending path (e.g. "tags.0.name") and its messages. */
export function validationError(error: $ZodError, what = "request body", rootKey = "body"): AppError {
  const fields: Record<string, string[]> = {};
  for (const issue of flatten(error.issues)) {
    const key = issue.path.length > 0 ? issue.path.map(String).join(".") : rootKey;
    const message =
      issue.code === "unrecognized_keys"
        ? `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}`
        : issue.message;
    (fields[key] ??= []).push(message);
  }
  const first = Object.entries(fields)[0];
  const summary = first ? `${first[0] === rootKey ? "" : `${first[0]}: `}${first[1][0]}` : "invalid";
  return new AppError("invalid_input", `The ${what} is not valid: ${summary}`, fields);
}

/** A route parameter, validated by its contract schema before anything else looks at it (400 naming it). */
export function pathParam(
  params: Record<string, string | null | undefined>,
  name: string,
  schema: { safeParse(v: unknown): { success: true; data: string } | { success: false; error: $ZodError } },
  what: string,
): string {
  const r = schema.safeParse(params[name] ?? "");
  if (!r.success) throw validationError(r.error, what, name);
  return r.data;
}

export function agentIdParam(params: Record<string, string>): string {
  return pathParam(params, "agentId", AgentIdSchema, "agent id");
}

export function runIdParam(value: string | null | undefined): string {
  return pathParam({ runId: value }, "runId", RunIdSchema, "run id");
}

/**
 * The query string, validated by `schema` (a strict object of optional string fields): unknown or
 * repeated parameters are refused like any other bad input, 400 with the field and what is wrong.
 */
export function queryParams<T>(
  url: URL,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: $ZodError } },
): T {
  const raw: Record<string, string> = {};
  const repeated: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) {
    if (key in raw) repeated[key] = [`${key} may be given once`];
    raw[key] = value;
  }
  const first = Object.keys(repeated)[0];
  if (first)
    throw new AppError("invalid_input", `The query is not valid: ${first}: ${first} may be given once`, repeated);
  const r = schema.safeParse(raw);
  if (!r.success) throw validationError(r.error, "query", "query");
  return r.data;
}
