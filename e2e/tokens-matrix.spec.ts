import { writeFileSync, mkdirSync } from "node:fs";
import { startDashboard } from "../tests/support/processes";
import { expect, test } from "./fixtures";
import { raw, type RawRequest, type RawResponse } from "./security-support";
import { bearer, makeToken, revokeToken, sameOrigin, signIn } from "./tokens-support";

/*
 * Every kind of credential against every kind of route, on real dashboards: one with both
 * passwords (this machine signs in too), one without (this machine is admin). Each cell is one
 * request and one expected status; the table is written to test-results/token-matrix.md.
 */
const ADMIN = "admin-matrix-password";
const VIEWER = "viewer-matrix-password";
test.use({ dashboardEnv: { DASHBOARD_PASSWORD: ADMIN, DASHBOARD_VIEW_PASSWORD: VIEWER } });

/** `from`: the client's own loopback address, when the cell needs a client of its own. */
type Ctx = { port: number; from?: string; victim: () => Promise<number>; n: () => number };
type Column = { kind: string; route: string; send: (c: Ctx, h: Record<string, string>) => Promise<RawResponse> };
const body = (o: unknown) => JSON.stringify(o);
const go = (c: Ctx, req: RawRequest) => raw(c.port, { ...req, from: c.from });

const COLUMNS: Column[] = [
  {
    kind: "read",
    route: "GET /api/agents/local/runs",
    send: (c, h) => go(c, { path: "/api/agents/local/runs", headers: h }),
  },
  {
    kind: "read",
    route: "GET /api/agents/local/snapshot (entry hook)",
    send: (c, h) => go(c, { path: "/api/agents/local/snapshot", headers: h }),
  },
  {
    kind: "operate",
    route: "PATCH /api/agents/local/client",
    send: (c, h) =>
      go(c, { method: "PATCH", path: "/api/agents/local/client", headers: h, body: body({ paused: false }) }),
  },
  {
    kind: "operate",
    route: "PATCH /api/agents/local/tags",
    send: (c, h) =>
      go(c, {
        method: "PATCH",
        path: "/api/agents/local/tags",
        headers: h,
        body: body({ tags: [{ name: "MATRIX", value: `cell ${c.n()}` }] }),
      }),
  },
  {
    kind: "admin",
    route: "POST /api/tokens",
    send: (c, h) =>
      go(c, { method: "POST", path: "/api/tokens", headers: h, body: body({ name: `m-${c.n()}`, scope: "read" }) }),
  },
  {
    kind: "admin",
    route: "DELETE /api/tokens/{id}",
    send: async (c, h) => go(c, { method: "DELETE", path: `/api/tokens/${await c.victim()}`, headers: h }),
  },
  { kind: "session", route: "GET /api/session", send: (c, h) => go(c, { path: "/api/session", headers: h }) },
  {
    kind: "session",
    route: "DELETE /api/session?all=1",
    send: (c, h) => go(c, { method: "DELETE", path: "/api/session?all=1", headers: h }),
  },
];

// Expected status per column, in COLUMNS' order.
const READ = [200, 200, 403, 403, 403, 403, 200, 403];
const OPERATE = [200, 200, 200, 200, 403, 403, 200, 403];
const ADMIN_ALL = [200, 200, 200, 200, 201, 200, 200, 200];
const BAD = [401, 401, 401, 401, 401, 401, 401, 401];

type Row = { who: string; headers: () => Promise<Record<string, string>>; expected: number[]; from?: "own" };

test("every scope on every route kind: read, operate, admin and session routes", async ({ dashboard, sim }) => {
  test.slow(); // two dashboards and some ninety requests on a shared 2-core machine
  const port = dashboard.port;
  const adminCookie = await signIn(port, ADMIN);
  const setup = await makeToken(port, sameOrigin(port, adminCookie), "matrix-setup", "admin");
  const tokens: Record<string, string> = {};
  for (const scope of ["read", "operate", "admin"] as const)
    tokens[scope] = (await makeToken(port, bearer(setup.secret), `matrix-${scope}`, scope)).secret;
  const revoked = await makeToken(port, bearer(setup.secret), "matrix-revoked", "admin");
  await revokeToken(port, bearer(setup.secret), revoked.id);

  const open = await startDashboard({ AGENT_URL: sim.url, AGENT_NAME: "Office PC" });
  try {
    const openRead = (await makeToken(open.port, sameOrigin(open.port), "open-read", "read")).secret;
    const json = { "Content-Type": "application/json" };
    const token = (t: string) => async () => ({ ...json, ...bearer(t) });
    const tables: { name: string; port: number; rows: Row[] }[] = [
      {
        name: `DASHBOARD_PASSWORD and DASHBOARD_VIEW_PASSWORD set (loopback signs in too)`,
        port,
        rows: [
          { who: "read token", headers: token(tokens.read!), expected: READ },
          { who: "operate token", headers: token(tokens.operate!), expected: OPERATE },
          { who: "admin token", headers: token(tokens.admin!), expected: ADMIN_ALL },
          { who: "revoked token", headers: token(revoked.secret), expected: BAD, from: "own" },
          { who: "malformed token", headers: token("adk_nope"), expected: BAD, from: "own" },
          { who: "view session", headers: async () => sameOrigin(port, await signIn(port, VIEWER)), expected: READ },
          {
            who: "admin session",
            headers: async () => sameOrigin(port, await signIn(port, ADMIN)),
            expected: ADMIN_ALL,
          },
          {
            who: "admin session cookie + read token, no Origin",
            headers: async () => ({ ...json, Cookie: await signIn(port, ADMIN), ...bearer(tokens.read!) }),
            expected: READ,
          },
          {
            who: "no credentials",
            headers: async () => sameOrigin(port),
            expected: [401, 401, 401, 401, 401, 401, 200, 401],
          },
        ],
      },
      {
        name: "no password (only this machine is answered)",
        port: open.port,
        rows: [
          { who: "this machine, no credentials", headers: async () => sameOrigin(open.port), expected: ADMIN_ALL },
          { who: "this machine, read token", headers: token(openRead), expected: READ },
        ],
      },
    ];

    const lines: string[] = [];
    let n = 0;
    for (const table of tables) {
      lines.push(`\n${table.name}\n`, `| credential | ${COLUMNS.map((c) => `${c.kind}: ${c.route}`).join(" | ")} |`);
      lines.push(`|---|${COLUMNS.map(() => "---").join("|")}|`);
      // Victims for the DELETE column, made by an admin of that dashboard.
      const maker = table.port === port ? bearer(setup.secret) : sameOrigin(open.port);
      const ctx: Ctx = {
        port: table.port,
        n: () => ++n,
        victim: async () => (await makeToken(table.port, maker, `victim-${++n}`, "read")).id,
      };
      for (const row of table.rows) {
        const headers = await row.headers();
        const cells: string[] = [];
        for (const [i, column] of COLUMNS.entries()) {
          // Failing tokens from an address of their own each: five failures a minute per client.
          const from = row.from === "own" ? `127.0.0.${10 + ++n}` : undefined;
          const res = await column.send({ ...ctx, from }, headers);
          const got = res.status;
          const want = row.expected[i];
          expect.soft(got, `${table.name}: ${row.who} × ${column.route}`).toBe(want);
          if (got === 401)
            expect.soft(res.headers["www-authenticate"], `${row.who} × ${column.route}`).toMatch(/^Bearer realm=/);
          cells.push(got === want ? String(got) : `${got} (expected ${want})`);
        }
        lines.push(`| ${row.who} | ${cells.join(" | ")} |`);
      }
    }
    mkdirSync("test-results", { recursive: true });
    writeFileSync("test-results/token-matrix.md", lines.join("\n") + "\n");
  } finally {
    await open.stop();
  }
});
