import * as z from "@/lib/agent-api/zod";
import type { $ZodType } from "zod/v4/core";
import { RunSchema } from "@/lib/agent-api/runs";
import { TagSchema } from "@/lib/agent-api/tags";
import { version } from "@/package.json";
import * as c from "../contract";
import { OPERATIONS, PATH_PARAMS, SnapshotFullDoc, type Content, type Operation, type Reply } from "./operations";
import { ERROR_REPLIES, INFO, SECURITY_SCHEMES, TAGS, errorsOf } from "./words";

/*
 * The OpenAPI 3.1 document of the dashboard's API, generated from the zod contract (lib/bff) with
 * zod 4's own JSON Schema output (draft 2020-12, the dialect OpenAPI 3.1 uses): request schemas as
 * the routes read them (io "input"), answers as they produce them (io "output"). Schemas registered
 * below become components; everything else is inline where it is used.
 */
type Json = Record<string, unknown>;

const components = z.registry<{ id: string }>();
const NAMED: [$ZodType, string][] = [
  [c.ErrorBodySchema, "Error"],
  [RunSchema, "Run"],
  [c.EventSchema, "Event"],
  [c.BffClientStatusSchema, "ClientStatus"],
  [TagSchema, "Tag"],
  [c.ProblemSchema, "Problem"],
  [c.RunsSummarySchema, "RunsSummary"],
  [SnapshotFullDoc, "Snapshot"],
  [c.SnapshotDeltaSchema, "SnapshotDelta"],
  [c.HistoryPointSchema, "HistoryPoint"],
  [c.ApiTokenSchema, "ApiToken"],
  [c.ScopeSchema, "Scope"],
];
for (const [schema, id] of NAMED) if (!components.has(schema)) components.add(schema, { id });

const MEDIA: Record<Content, string> = {
  json: "application/json",
  csv: "text/csv",
  prometheus: "text/plain",
};

/** `#/$defs/X` (zod's place for registered schemas) → `#/components/schemas/X`, everywhere inside. */
function relink(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relink);
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = k === "$ref" && typeof v === "string" ? v.replace(/^#\/\$defs\//, "#/components/schemas/") : relink(v);
  }
  return out;
}

/** Response headers named with their words. */
function headersOf(headers: Record<string, string> | undefined): Json {
  if (!headers) return {};
  return {
    headers: Object.fromEntries(
      Object.entries(headers).map(([h, d]) => [h, { description: d, schema: { type: "string" } }]),
    ),
  };
}

class Builder {
  readonly schemas: Record<string, Json> = {};

  schema(schema: $ZodType, io: "input" | "output"): Json {
    const out = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io,
      metadata: components,
      unrepresentable: "any",
    }) as Json;
    const defs = (out.$defs ?? {}) as Record<string, Json>;
    delete out.$schema;
    delete out.$defs;
    for (const [id, def] of Object.entries(defs)) {
      const linked = relink(def) as Json;
      const known = this.schemas[id];
      // A component read and written in two shapes would mislead one side: register it once per shape.
      if (known && JSON.stringify(known) !== JSON.stringify(linked))
        throw new Error(`The component ${id} has different input and output shapes`);
      this.schemas[id] = linked;
    }
    return relink(out) as Json;
  }

  parameters(op: Operation): Json[] {
    const params: Json[] = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name = ""]) => {
      const known = PATH_PARAMS[name];
      if (!known) throw new Error(`${op.path}: no PATH_PARAMS entry for {${name}}`);
      const { schema, description, example } = known;
      return { name, in: "path", required: true, description, example, schema: this.schema(schema, "input") };
    });
    if (op.query) {
      const query = this.schema(op.query, "input");
      const required = (query.required ?? []) as string[];
      for (const [name, schema] of Object.entries((query.properties ?? {}) as Record<string, Json>))
        params.push({
          name,
          in: "query",
          required: required.includes(name),
          ...(op.notes?.[name] ? { description: op.notes[name] } : {}),
          schema,
        });
    }
    return params;
  }

  reply(reply: Reply): Json {
    const content = reply.content ?? (reply.schema ? "json" : undefined);
    return {
      description: reply.description,
      ...headersOf(reply.headers),
      ...(content
        ? {
            content: {
              [MEDIA[content]]: {
                schema: reply.schema && content === "json" ? this.schema(reply.schema, "output") : { type: "string" },
              },
            },
          }
        : {}),
    };
  }

  operation(op: Operation): Json {
    const responses: Json = {};
    for (const [status, reply] of Object.entries(op.replies)) responses[status] = this.reply(reply);
    for (const status of errorsOf(op)) responses[String(status)] = { $ref: `#/components/responses/E${status}` };
    const params = this.parameters(op);
    // HTTP bearer and cookie schemes take role names in OpenAPI 3.1: here, the scope the route needs.
    const need = [op.scope];
    return {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      "x-required-scope": op.scope,
      security: [{ bearerToken: need }, { sessionCookie: need }, { password: need }, {}],
      ...(params.length > 0 ? { parameters: params } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                "application/json": { schema: this.schema(op.body.schema, "input"), example: op.body.example },
              },
            },
          }
        : {}),
      responses,
    };
  }
}

/** The whole document (built once per process; it depends on nothing but the code). */
let built: c.OpenApiDocument | undefined;
export function openApiDocument(): c.OpenApiDocument {
  if (built) return built;
  const b = new Builder();
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = b.operation(op);
  const errorSchema = b.schema(c.ErrorBodySchema, "output");
  built = {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: { ...INFO, version },
    tags: TAGS,
    paths,
    components: {
      schemas: b.schemas,
      responses: Object.fromEntries(
        Object.entries(ERROR_REPLIES).map(([status, r]) => [
          `E${status}`,
          {
            description: r.description,
            ...headersOf(r.headers),
            content: { "application/json": { schema: errorSchema } },
          },
        ]),
      ),
      securitySchemes: SECURITY_SCHEMES,
    },
  };
  return built;
}
