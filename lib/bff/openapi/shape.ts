import type { $ZodType } from "zod/v4/core";
import type { Scope } from "../contract";

/*
 * What one entry of the API's description is (lib/bff/openapi/operations.ts lists them, one file
 * per part of the API): its method, path, scope and the contract schemas of its query, body and
 * answers. lib/bff/openapi/document.ts turns the list into the OpenAPI 3.1 document.
 */
export type Content = "json" | "csv" | "prometheus";
export type Reply = { description: string; schema?: $ZodType; content?: Content; headers?: Record<string, string> };
export type Tag =
  | "Agents"
  | "Runs"
  | "History"
  | "Events"
  | "Exports"
  | "Schedules"
  | "Alerts"
  | "Dashboard"
  | "Sessions"
  | "API tokens";
export type Operation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: `/api/${string}`;
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  /** What the caller must hold (the route wrapper's `scope`). */
  scope: Scope;
  /** Answered without signing in (the session routes); a bad token is still a 401. */
  public?: boolean;
  /** The query string's schema: a strict object of optional string fields, as the route validates it. */
  query?: $ZodType;
  /** Words for query parameters the schema alone cannot say (lists, formats). */
  notes?: Record<string, string>;
  body?: { schema: $ZodType; example: unknown };
  /** The success answers by status. */
  replies: Record<number, Reply>;
  /** Answers from an agent's data: 502/503/504 when its collector's last poll of it failed. */
  agent?: boolean;
};

export const json = (description: string, schema: $ZodType): Reply => ({ description, schema });
export const csv = (description: string): Reply => ({ description, content: "csv" });
export const list = (values: readonly string[]) => `Comma-separated, any of: ${values.join(", ")}`;
