import SwaggerParser from "@apidevtools/swagger-parser";
import Ajv2020 from "ajv/dist/2020";
import type { OpenAPIV3_1 } from "openapi-types";
import { startHttpReceiver } from "../tests/support/receivers";
import { expect, test, type Control } from "./fixtures";
import { raw, watchCsp, type RawResponse } from "./security-support";
import { ALERT_CASES, SCHEDULE_CASES, get, send, type Case, type Ctx } from "./support/openapi-cases";
import { bearer, json, makeToken, sameOrigin, signIn } from "./tokens-support";

/*
 * GET /api/openapi.json from a running dashboard on the simulator: a valid OpenAPI 3.1 document, and
 * real answers of every operation in it (successes and errors) fit what it says: the status is one
 * it lists, the content type its media type, the body its schema (ajv, JSON Schema 2020-12).
 * An operation without a case here (or in e2e/support/openapi-cases.ts) fails the test: a new route needs one.
 */
const ADMIN = "admin-openapi-password";
test.use({ dashboardEnv: { DASHBOARD_PASSWORD: ADMIN, POLL_INTERVAL_MS: "300", BACKGROUND_POLL_MS: "300" } });

const versionOf = async (c: Ctx, path: string) =>
  json(await raw(c.port, get(path, c.admin))) as { version?: string; agents?: { snapshot: { version: string } }[] };

const CASES: Record<string, Case> = {
  listAgents: async (c) => [get("/api/agents", c.admin)],
  fleetSnapshot: async (c) => {
    const v = (await versionOf(c, "/api/snapshot")).agents?.[0]?.snapshot.version ?? "";
    return [
      get("/api/snapshot", c.admin),
      get(`/api/snapshot?since=local:${v}`, c.admin),
      get("/api/snapshot?since=x", c.admin),
      get("/api/snapshot?parts=summary", c.read),
      get("/api/snapshot?parts=runs", c.read),
    ];
  },
  agentSnapshot: async (c) => {
    const v = (await versionOf(c, "/api/agents/local/snapshot")).version ?? "";
    return [
      get("/api/agents/local/snapshot", c.admin),
      get(`/api/agents/local/snapshot?since=${v}`, c.admin),
      get("/api/agents/local/snapshot?since=nope", c.admin),
      get("/api/agents/nobody/snapshot", c.admin),
    ];
  },
  getClient: async (c) => [get("/api/agents/local/client", c.admin), get("/api/agents/nobody/client", c.admin)],
  patchClient: async (c) => [
    send("PATCH", "/api/agents/local/client", c.admin, { paused: true, resumeTimer: 600 }),
    send("PATCH", "/api/agents/local/client", c.admin, { paused: false }),
    send("PATCH", "/api/agents/local/client", c.admin, { paused: "yes" }),
    send("PATCH", "/api/agents/local/client", c.read, { paused: true }),
    send("PATCH", "/api/agents/local/client", { Cookie: c.cookie }, { paused: true }),
  ],
  listRuns: async (c) => {
    const etag = String((await raw(c.port, get("/api/agents/local/runs", c.admin))).headers.etag ?? "");
    return [
      get("/api/agents/local/runs", c.admin),
      get("/api/agents/local/runs", { ...c.admin, "If-None-Match": etag }),
    ];
  },
  getRun: async (c) => {
    const runs = json(await raw(c.port, get("/api/agents/local/runs", c.admin))) as { run_id: number }[];
    return [get(`/api/agents/local/runs/${runs[0]?.run_id}`, c.admin), get("/api/agents/local/runs/987654", c.admin)];
  },
  getTags: async (c) => [get("/api/agents/local/tags", c.admin)],
  patchTags: async (c) => [
    send("PATCH", "/api/agents/local/tags", c.admin, { tags: [{ name: "SITE", value: "Berlin" }] }),
    send("PATCH", "/api/agents/local/tags", c.admin, { tags: [] }),
  ],
  getHistory: async (c) => [
    get("/api/agents/local/history", c.admin),
    get("/api/agents/local/history?range=24h", c.admin),
    get("/api/agents/local/history?range=2y", c.admin),
  ],
  getTotals: async (c) => [
    get("/api/agents/local/totals?days=7", c.admin),
    get("/api/agents/local/totals?days=0", c.admin),
  ],
  getAgentEvents: async (c) => [
    get("/api/agents/local/events?limit=5", c.admin),
    get("/api/agents/local/events?kind=nonsense", c.admin),
  ],
  getEvents: async (c) => [get("/api/events?kind=token_created,dashboard_started", c.admin)],
  exportAgentEvents: async (c) => [get("/api/agents/local/events.csv?severity=info", c.admin)],
  exportRuns: async (c) => [get("/api/agents/local/runs.csv", c.admin)],
  getHealth: async (c) => [get("/api/health", c.admin), get("/api/health?strict=1", c.admin)],
  getMetrics: async (c) => [get("/api/metrics", c.admin)],
  getOpenApi: async (c) => [get("/api/openapi.json", c.read)],
  getSession: async (c) => [get("/api/session", c.read), get("/api/session", {}), get("/api/session", bearer("adk_x"))],
  signIn: async (c) => [
    send("POST", "/api/session", sameOrigin(c.port), { password: ADMIN }),
    send("POST", "/api/session", sameOrigin(c.port), { password: "wrong-password" }),
  ],
  signOut: async (c) => [send("DELETE", "/api/session", sameOrigin(c.port, await signIn(c.port, ADMIN)))],
  listTokens: async (c) => [get("/api/tokens", c.read), get("/api/tokens", {})],
  createToken: async (c) => [
    send("POST", "/api/tokens", c.admin, { name: "conformance", scope: "read" }),
    send("POST", "/api/tokens", c.admin, { name: "conformance", scope: "read" }),
    send("POST", "/api/tokens", c.read, { name: "nope", scope: "read" }),
  ],
  revokeToken: async (c) => {
    const { id } = await makeToken(c.port, c.admin, "to-revoke", "read");
    return [send("DELETE", `/api/tokens/${id}`, c.admin), send("DELETE", `/api/tokens/${id}`, c.admin)];
  },
  ...SCHEDULE_CASES,
  ...ALERT_CASES,
};

test("the OpenAPI document is valid and every route's real answers conform to it", async ({ dashboard, control }) => {
  test.slow();
  const port = dashboard.port;
  const cookie = await signIn(port, ADMIN);
  const admin = bearer((await makeToken(port, sameOrigin(port, cookie), "conformance-admin", "admin")).secret);
  const read = bearer((await makeToken(port, admin, "conformance-read", "read")).secret);
  const receiver = await startHttpReceiver();
  try {
    await conformance(port, { port, admin, read, cookie, receiver: receiver.url }, control);
  } finally {
    await receiver.close();
  }
});

async function conformance(port: number, ctx: Ctx, control: Control) {
  const { admin, read } = ctx;

  const served = await raw(port, get("/api/openapi.json", read));
  expect(served.status).toBe(200);
  const doc = json(served) as OpenAPIV3_1.Document;
  await SwaggerParser.validate(structuredClone(doc));
  const deref = (await SwaggerParser.dereference(structuredClone(doc))) as OpenAPIV3_1.Document;
  const ajv = new Ajv2020({ allErrors: true, strict: true });

  const check = (what: string, op: OpenAPIV3_1.OperationObject, res: RawResponse) => {
    const reply = op.responses?.[String(res.status)] as OpenAPIV3_1.ResponseObject | undefined;
    expect.soft(reply, `${what}: status ${res.status} is documented (${res.body.slice(0, 200)})`).toBeDefined();
    // Documented for every route, but never what a case should get: the dashboard's own failure.
    expect.soft(res.status, `${what}: not an internal error (${res.body.slice(0, 200)})`).not.toBe(500);
    if (!reply?.content) return expect.soft(res.body, `${what}: no body`).toBe("");
    const [media, { schema }] = Object.entries(reply.content)[0]!;
    expect.soft(String(res.headers["content-type"]), `${what}: content type`).toContain(media);
    if (media !== "application/json") return;
    const validate = ajv.compile(schema as object);
    const ok = validate(JSON.parse(res.body));
    expect.soft(ok, `${what}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  };

  let checked = 0;
  for (const [path, item] of Object.entries(deref.paths ?? {}))
    for (const method of ["get", "head", "post", "put", "patch", "delete", "options"] as const) {
      const op = item?.[method];
      if (!op) continue;
      const make = CASES[op.operationId ?? ""];
      expect(make, `a conformance case for ${op.operationId} (${method.toUpperCase()} ${path})`).toBeDefined();
      for (const req of await make!(ctx)) {
        const res = await raw(port, { method: method.toUpperCase(), ...req });
        check(`${op.operationId} ${req.method ?? "GET"} ${req.path}`, op, res);
        checked++;
      }
    }

  // Errors every route may give: the Host allowlist, and an agent that fails (its collector's poll).
  const client = deref.paths!["/api/agents/{agentId}/client"]!.get!;
  check(
    "foreign Host",
    client,
    await raw(port, get("/api/agents/local/client", { ...admin, Host: `evil.example:${port}` })),
  );
  await control.fault({ kind: "http500", paths: ["/api/v3/client"] });
  await expect.poll(async () => (await raw(port, get("/api/agents/local/client", admin))).status).toBe(502);
  check("agent answering 500", client, await raw(port, get("/api/agents/local/client", admin)));
  await control.fault({ kind: "refuse", ms: 5000 });
  await expect.poll(async () => (await raw(port, get("/api/agents/local/client", admin))).status).toBe(503);
  check("agent refusing", client, await raw(port, get("/api/agents/local/client", admin)));
  await control.clearFaults();
  // An agent that lacks an endpoint (an older version): 502 agent_unsupported.
  const tags = deref.paths!["/api/agents/{agentId}/tags"]!.get!;
  await control.fault({ kind: "not-found", paths: ["/api/v3/tags"] });
  await expect.poll(async () => (await raw(port, get("/api/agents/local/tags", admin))).status).toBe(502);
  const unsupported = await raw(port, get("/api/agents/local/tags", admin));
  expect(json(unsupported)).toMatchObject({ error: { code: "agent_unsupported" } });
  check("agent without the endpoint", tags, unsupported);
  await control.clearFaults();
  // Failed tokens from one client are limited on any route: 429 with Retry-After (another loopback address).
  const limited = async () => raw(port, { ...get("/api/alerts/rules", bearer("adk_wrong")), from: "127.0.0.2" });
  await expect.poll(async () => (await limited()).status).toBe(429);
  const tooMany = await limited();
  expect(tooMany.headers["retry-after"]).toMatch(/^\d+$/);
  check("too many failed tokens", deref.paths!["/api/alerts/rules"]!.get!, tooMany);
  // Every operation at least once, most with an error answer too.
  expect(checked).toBeGreaterThan(Object.keys(CASES).length);
}

test("/api-docs renders the document readably, within the CSP, in both themes", async ({ page, dashboard }) => {
  test.slow();
  const csp = await watchCsp(page);
  const cookie = (await signIn(dashboard.port, ADMIN)).split("=");
  await page.context().addCookies([{ name: cookie[0]!, value: cookie.slice(1).join("="), url: dashboard.url }]);
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Agent Deck API \d+\.\d+\.\d+$/);
  const doc = (await (await page.request.get("/api/openapi.json")).json()) as { paths: Record<string, object> };
  const operations = Object.values(doc.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  await expect(page.getByRole("article")).toHaveCount(operations);
  const create = page.getByRole("article", { name: "POST /api/tokens" });
  await expect(create).toContainText("scope: admin");
  await expect(create).toContainText('"name": "nightly-backup"');
  await create.getByText("Schema").click();
  await expect(create.getByRole("link", { name: "ApiToken" })).toBeVisible();
  await page.getByRole("navigation", { name: "Contents" }).getByRole("link", { name: "Schemas" }).click();
  await expect(page.getByRole("heading", { name: "Schemas", exact: true })).toBeInViewport();
  await expect(page.locator("#schema-Run")).toContainText("run_id");
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto("/api-docs#op-patchClient");
    await page.screenshot({ path: `test-results/e2e/api-docs-1600-${colorScheme}.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `test-results/e2e/api-docs-390-${colorScheme}.png` });
    await page.setViewportSize({ width: 1600, height: 1000 });
  }
  expect(await csp.violations()).toEqual([]);
  expect(csp.console).toEqual([]);
});
