import { expect, test } from "./fixtures";
import { errorOf, raw, sameOriginJson, type RawRequest } from "./security-support";

/**
 * Bad input over real HTTP: route parameters, body types and ranges, oversized and malformed
 * bodies. Each gets a clear 4xx with an error code (and the offending field), and the simulator's
 * request log proves none of it reached the agent.
 */
const C = "/api/agents/local/client";
const T = "/api/agents/local/tags";
const S = "/api/session";
const tag = (name: unknown, value: unknown) => ({ tags: [{ name, value }] });
const LONG = "x".repeat(256);

type Row = [what: string, req: (port: number) => RawRequest, status: number, code: string, field?: string];
const patch = (path: string, body: unknown) => (port: number) => sameOriginJson(port, "PATCH", path, body);
const get = (path: string) => () => ({ path });

const ROWS: Row[] = [
  // Route parameters: agent ids are configured slugs, run ids are digits.
  ["unknown agent", patch("/api/agents/nope/client", { paused: true }), 404, "not_found"],
  [
    "agent id not a slug (capitals)",
    patch("/api/agents/LOCAL/client", { paused: true }),
    400,
    "invalid_input",
    "agentId",
  ],
  [
    "agent id with an encoded slash",
    patch("/api/agents/..%2Flocal/client", { paused: true }),
    400,
    "invalid_input",
    "agentId",
  ],
  ["agent id with a dot", get("/api/agents/lo.cal/runs"), 400, "invalid_input", "agentId"],
  ["agent id too long", get(`/api/agents/${"a".repeat(64)}/runs`), 400, "invalid_input", "agentId"],
  ["run id with letters", get("/api/agents/local/runs/abc"), 400, "invalid_input", "runId"],
  ["negative run id", get("/api/agents/local/runs/-1"), 400, "invalid_input", "runId"],
  ["run id in exponent form", get("/api/agents/local/runs/1e3"), 400, "invalid_input", "runId"],
  ["run id with a path trick", get("/api/agents/local/runs/1%2F..%2F..%2Ftoken"), 400, "invalid_input", "runId"],
  ["run id of 16 digits", get("/api/agents/local/runs/1234567890123456"), 400, "invalid_input", "runId"],
  ["history run id with letters", get("/api/agents/local/history?runId=x1"), 400, "invalid_input", "runId"],
  ["tags of an unknown agent", get("/api/agents/nope/tags"), 404, "not_found"],
  // resumeTimer: a whole number of seconds from 1 to 7 days.
  ["resumeTimer 0", patch(C, { paused: true, resumeTimer: 0 }), 400, "invalid_input", "resumeTimer"],
  ["resumeTimer negative", patch(C, { paused: true, resumeTimer: -60 }), 400, "invalid_input", "resumeTimer"],
  ["resumeTimer fractional", patch(C, { paused: true, resumeTimer: 1.5 }), 400, "invalid_input", "resumeTimer"],
  ["resumeTimer over 7 days", patch(C, { paused: true, resumeTimer: 604_801 }), 400, "invalid_input", "resumeTimer"],
  ["resumeTimer as a string", patch(C, { paused: true, resumeTimer: "60" }), 400, "invalid_input", "resumeTimer"],
  ["resumeTimer huge", patch(C, '{"paused":true,"resumeTimer":1e400}'), 400, "invalid_input", "resumeTimer"],
  ["paused as a string", patch(C, { paused: "true" }), 400, "invalid_input", "paused"],
  ["restart false", patch(C, { restart: false }), 400, "invalid_input", "restart"],
  ["an unknown field", patch(C, { paused: true, token: "x" }), 400, "invalid_input", "body"],
  ["an empty object", patch(C, {}), 400, "invalid_input"],
  ["an array", patch(C, [{ paused: true }]), 400, "invalid_input", "body"],
  ["null", patch(C, "null"), 400, "invalid_input", "body"],
  // Tags: name and value non-empty once trimmed, at most 255 characters, no control characters.
  ["empty tag name", patch(T, tag("", "v")), 400, "invalid_input", "tags.0.name"],
  ["blank tag name", patch(T, tag("   ", "v")), 400, "invalid_input", "tags.0.name"],
  ["empty tag value", patch(T, tag("N", "")), 400, "invalid_input", "tags.0.value"],
  ["tag name of 256 characters", patch(T, tag(LONG, "v")), 400, "invalid_input", "tags.0.name"],
  ["tag value of 256 characters", patch(T, tag("N", LONG)), 400, "invalid_input", "tags.0.value"],
  ["tag name with a newline", patch(T, tag("a\nb", "v")), 400, "invalid_input", "tags.0.name"],
  ["tag value with NUL", patch(T, tag("N", "a\u0000b")), 400, "invalid_input", "tags.0.value"],
  ["tag value with DEL", patch(T, tag("N", "a\u007fb")), 400, "invalid_input", "tags.0.value"],
  ["tag value with a C1 control", patch(T, tag("N", "a\u0085b")), 400, "invalid_input", "tags.0.value"],
  ["tag value a number", patch(T, tag("N", 5)), 400, "invalid_input", "tags.0.value"],
  ["no tags", patch(T, { tags: [] }), 400, "invalid_input", "tags"],
  ["tags not a list", patch(T, { tags: { name: "N", value: "v" } }), 400, "invalid_input", "tags"],
  [
    "101 tags",
    patch(T, { tags: Array.from({ length: 101 }, (_, i) => ({ name: `N${i}`, value: "v" })) }),
    400,
    "invalid_input",
    "tags",
  ],
  ["a tag with an extra field", patch(T, { tags: [{ name: "N", value: "v", id: 1 }] }), 400, "invalid_input", "tags.0"],
  // Sign-in body.
  ["empty password", (port) => sameOriginJson(port, "POST", S, { password: "" }), 400, "invalid_input", "password"],
  [
    "password of 1025 characters",
    (port) => sameOriginJson(port, "POST", S, { password: "p".repeat(1025) }),
    400,
    "invalid_input",
    "password",
  ],
  // Malformed and oversized bodies.
  ["invalid JSON", patch(C, "{paused: true"), 400, "invalid_input"],
  ["an empty body", patch(C, ""), 400, "invalid_input"],
  ["JSON with a trailing comma", patch(T, '{"tags":[{"name":"N","value":"v"},]}'), 400, "invalid_input"],
  [
    "a body over 64 KB (Content-Length)",
    patch(T, JSON.stringify(tag("N", "v".repeat(70_000)))),
    413,
    "payload_too_large",
  ],
  // Refused by the entry's front door before a byte of it is read: a body must declare its length.
  [
    "a body over 64 KB (chunked, no length)",
    (port) => ({ ...sameOriginJson(port, "PATCH", T, JSON.stringify(tag("N", "v".repeat(70_000)))), chunked: true }),
    411,
    "length_required",
  ],
  ["a 5 MB body", patch(T, "x".repeat(5 * 1024 * 1024)), 413, "payload_too_large"],
];

test("every bad input gets a clear 4xx with an error code, and nothing reaches the agent", async ({
  dashboard,
  control,
}) => {
  await control.clearRequests();
  for (const [what, req, status, code, field] of ROWS) {
    const res = await raw(dashboard.port, req(dashboard.port));
    expect(res.status, what).toBe(status);
    const error = errorOf(res);
    expect(error.code, what).toBe(code);
    expect(error.message.length, `${what}: a message`).toBeGreaterThan(10);
    if (field) expect(Object.keys(error.fields ?? {}), `${what}: names the field`).toContain(field);
  }
  expect(await control.changes(), "no change reached the agent").toEqual([]);
});

test("the edges of the valid ranges are accepted and reach the agent, trimmed", async ({ dashboard, control }) => {
  await control.clearRequests();
  const ok = async (path: string, body: unknown) => {
    const res = await raw(dashboard.port, sameOriginJson(dashboard.port, "PATCH", path, body));
    expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(200);
  };
  await ok(C, { paused: true, resumeTimer: 1 });
  await ok(C, { paused: true, resumeTimer: 604_800 });
  await ok(C, { paused: false });
  await ok(T, tag("  EDGE  ", "x".repeat(255)));
  await ok(T, tag("Ünïcödé 東京", "3rd — east wing"));
  const patches = (await control.requests()).filter((r) => r.method === "PATCH");
  expect(patches.map((r) => r.query.resume_timer ?? r.query.paused ?? "tags")).toEqual([
    "1",
    "604800",
    "false",
    "tags",
    "tags",
  ]);
  const tags = JSON.parse((await raw(dashboard.port, { path: T })).body) as { tags: { name: string; value: string }[] };
  expect(tags.tags).toEqual(
    expect.arrayContaining([
      { name: "EDGE", value: "x".repeat(255) },
      { name: "Ünïcödé 東京", value: "3rd — east wing" },
    ]),
  );
});
