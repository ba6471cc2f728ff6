import type { $ZodType, output } from "zod/v4/core";
import { safeParse } from "@/lib/agent-api/zod";
import { RunsSchema, type Run } from "@/lib/agent-api/runs";
import { ApiError, BAD_BODY } from "./api";

/** Reads a BFF answer with its schema; a mismatch becomes an ApiError naming where. */
export function read<S extends $ZodType>(schema: S, data: unknown): output<S> {
  const parsed = safeParse(schema, data);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") || "body";
    throw new ApiError(200, BAD_BODY, `unexpected data at ${where}`);
  }
  return parsed.data;
}

/**
 * Runs arrive every poll, thousands at a time, already validated by the BFF. A full schema parse
 * here would cost more than the render, so only what rendering relies on is checked per run.
 */
export function readRuns(data: unknown): Run[] {
  if (!Array.isArray(data)) throw new ApiError(200, BAD_BODY, "runs is not a list");
  for (let i = 0; i < data.length; i++) {
    const r: unknown = data[i];
    if (
      typeof r !== "object" ||
      r === null ||
      typeof (r as Run).run_id !== "number" ||
      typeof (r as Run).name !== "string" ||
      typeof (r as Run).type !== "string" ||
      typeof (r as Run).status !== "string" ||
      ((r as Run).errors !== undefined && !Array.isArray((r as Run).errors))
    ) {
      return read(RunsSchema, data); // a full parse names exactly what is wrong
    }
  }
  return data as Run[];
}
