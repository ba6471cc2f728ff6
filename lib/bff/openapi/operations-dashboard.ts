import * as z from "@/lib/agent-api/zod";
import * as c from "../contract";
import { json, type Operation } from "./shape";

/* The dashboard's own part of the API: health, metrics, this document, sessions and API tokens. */

const HealthQuery = z.strictObject({ strict: z.optional(z.string()) });

export const DASHBOARD_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/health",
    operationId: "getHealth",
    tag: "Dashboard",
    summary: "The dashboard's health and each agent's reachability as its collector last saw it",
    scope: "read",
    query: HealthQuery,
    notes: { strict: "`1` or `true`: answer 503 while an agent is unreachable (for monitors)" },
    replies: {
      200: json("Healthy, or degraded without `strict`", c.HealthSchema),
      503: json("Degraded, with `strict`", c.HealthSchema),
    },
  },
  {
    method: "get",
    path: "/api/metrics",
    operationId: "getMetrics",
    tag: "Dashboard",
    summary: "Prometheus metrics, from the collectors' snapshots (a scrape costs no agent a call)",
    scope: "read",
    replies: { 200: { description: "Prometheus text exposition format 0.0.4", content: "prometheus" } },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "getOpenApi",
    tag: "Dashboard",
    summary: "This document",
    scope: "read",
    replies: { 200: json("OpenAPI 3.1", c.OpenApiDocumentSchema) },
  },
  {
    method: "get",
    path: "/api/session",
    operationId: "getSession",
    tag: "Sessions",
    summary: "Whether this client must sign in, and what it may do (a token's scope and name)",
    scope: "read",
    public: true,
    replies: { 200: json("This client's state", c.SessionStateSchema) },
  },
  {
    method: "post",
    path: "/api/session",
    operationId: "signIn",
    tag: "Sessions",
    summary: "Sign in with a password: an HttpOnly SameSite=Strict session cookie (30 days)",
    description: "Failed attempts count with failed tokens: 5 a minute per client, 100 in all.",
    scope: "read",
    public: true,
    body: { schema: c.SessionLoginSchema, example: { password: "…" } },
    replies: { 200: { ...json("Signed in", c.SessionRoleSchema), headers: { "Set-Cookie": "The session cookie" } } },
  },
  {
    method: "delete",
    path: "/api/session",
    operationId: "signOut",
    tag: "Sessions",
    summary: "Sign out this session, or with `all=1` every session (admin)",
    scope: "read",
    public: true,
    query: c.SessionSignOutQuerySchema,
    notes: { all: "`1`: end every session on this dashboard (needs admin)" },
    replies: { 200: json("Signed out", c.SessionSignOutResponseSchema) },
  },
  {
    method: "get",
    path: "/api/tokens",
    operationId: "listTokens",
    tag: "API tokens",
    summary: "The API tokens, newest first: names, scopes, first characters, when made and last used",
    scope: "read",
    replies: { 200: json("The tokens (never the tokens themselves)", c.TokensResponseSchema) },
  },
  {
    method: "post",
    path: "/api/tokens",
    operationId: "createToken",
    tag: "API tokens",
    summary: "Make a token; the answer holds it this once (only its hash is kept)",
    scope: "admin",
    body: { schema: c.TokenCreateSchema, example: { name: "nightly-backup", scope: "operate" } },
    replies: { 201: json("Made", c.TokenCreatedSchema) },
  },
  {
    method: "delete",
    path: "/api/tokens/{tokenId}",
    operationId: "revokeToken",
    tag: "API tokens",
    summary: "Revoke a token: it is refused (401) from its next request on",
    scope: "admin",
    replies: { 200: json("Revoked", c.TokenRevokedSchema) },
  },
];
