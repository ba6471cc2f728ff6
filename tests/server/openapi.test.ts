import { readdirSync } from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/bff/openapi/document";
import { OPERATIONS } from "@/lib/bff/openapi/operations";

/*
 * The OpenAPI document against the code: it is a valid OpenAPI 3.1 document, and it describes every
 * route file under app/api with every method it exports, with the scope and openness the route
 * itself declares. (e2e/openapi.spec.ts checks real answers against it.)
 */
const ROOT = path.resolve(__dirname, "..", "..");
const API = path.join(ROOT, "app", "api");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
/** Answered by the entry's snapshot hook (lib/server/snapshot-hook.ts) before Next: no route file. */
const ENTRY_ROUTES = ["GET /api/snapshot", "GET /api/agents/{agentId}/snapshot"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
  );
}

/** app/api/agents/[agentId]/runs/route.ts → /api/agents/{agentId}/runs */
function apiPath(file: string): string {
  const rel = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/");
  return `/${rel.replace(/\[(\w+)\]/g, "{$1}")}`;
}

type RouteExport = ((...args: never[]) => unknown) & { scope?: string; public?: boolean };

describe("the OpenAPI document", () => {
  const doc = openApiDocument();

  it("is a valid OpenAPI 3.1 document (@apidevtools/swagger-parser)", async () => {
    const api = await SwaggerParser.validate(structuredClone(doc) as unknown as OpenAPIV3_1.Document);
    expect((api as OpenAPIV3_1.Document).openapi).toBe("3.1.0");
  });

  it("describes every route file and method under app/api, with the scope and openness the route declares", async () => {
    const described = new Set(OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    const served: string[] = [];
    for (const file of routeFiles(API)) {
      const mod = (await import(file)) as Record<string, RouteExport | undefined>;
      for (const method of METHODS) {
        const handler = mod[method];
        if (!handler) continue;
        const key = `${method} ${apiPath(file)}`;
        served.push(key);
        expect(described, `${key} (${path.relative(ROOT, file)}) is not in lib/bff/openapi/operations.ts`).toContain(
          key,
        );
        const op = OPERATIONS.find((o) => `${o.method.toUpperCase()} ${o.path}` === key);
        expect(handler.scope, `${key}: the route's scope`).toBe(op?.scope);
        expect(handler.public, `${key}: reachable without signing in`).toBe(op?.public === true);
      }
    }
    // And nothing described that nothing serves.
    expect([...described].sort()).toEqual([...served, ...ENTRY_ROUTES].sort());
  });

  it("has unique operation ids, security on every operation and the error envelope as a component", () => {
    const ids = OPERATIONS.map((op) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const paths = doc.paths as Record<string, Record<string, { security?: unknown[]; responses: object }>>;
    for (const [p, item] of Object.entries(paths))
      for (const [m, op] of Object.entries(item)) {
        expect(op.security, `${m} ${p}`).toEqual(expect.arrayContaining([{ bearerToken: [expect.any(String)] }]));
        expect(Object.keys(op.responses), `${m} ${p}`).toEqual(expect.arrayContaining(["401", "421", "429"]));
      }
    const components = doc.components as { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    expect(components.schemas.Error).toMatchObject({ required: ["error"] });
    expect(Object.keys(components.securitySchemes).sort()).toEqual(["bearerToken", "password", "sessionCookie"]);
  });
});
