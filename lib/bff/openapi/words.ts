import { ERROR_CODES, SESSION_COOKIE, type ErrorCode } from "../contract";
import type { Operation, Tag } from "./operations";

/*
 * What the OpenAPI document says in words: its introduction, tags, security schemes, and the errors
 * every route shares (the envelope {"error":{"code","message","fields"?}} with an honest status).
 */
export const INFO = {
  title: "Agent Deck API",
  summary: "The dashboard's own JSON API for the Resilio Connect Agent",
  description: [
    'All JSON and `Cache-Control: no-store`. Errors are `{"error":{"code","message","fields"?}}`;',
    "each code has one status (see the responses).",
    "",
    "**Who may call.** An API token (`Authorization: Bearer adk_…`, made on /settings/tokens or with",
    "`npm run token -- create`) is judged by its scope alone: `read` may GET, `operate` may also",
    "pause, resume, restart and tag, `admin` may also change settings, tokens and schedules.",
    'A bad or revoked token is 401 with `WWW-Authenticate: Bearer realm="Agent Deck", error="invalid_token"`;',
    'too small a scope is 403 with `error="insufficient_scope"`. Browsers sign in with a password',
    "(the admin password is `admin`, the view password `read`); scripts may send either password as",
    "HTTP Basic. Without `DASHBOARD_PASSWORD` the dashboard answers only its own machine, which then",
    "needs no credentials (`admin`). Each operation's `x-required-scope` names the scope it needs.",
    "",
    "**Changes from a browser** need `Content-Type: application/json`, a same-origin `Origin` and,",
    "when sent, `Sec-Fetch-Site: same-origin`; requests with a token need none of these.",
  ].join("\n"),
};

export const TAGS: { name: Tag; description: string }[] = [
  { name: "Agents", description: "Status, controls, tags and the snapshots pages poll" },
  { name: "Runs", description: "Job runs as the agent reports them" },
  { name: "History", description: "Speeds and daily totals from the store" },
  { name: "Events", description: "The event log" },
  { name: "Exports", description: "CSV downloads" },
  { name: "Schedules", description: "Pause windows, maintenance windows and tag schedules of an agent" },
  { name: "Alerts", description: "Channels, rules, incidents, the delivery log and the snooze" },
  { name: "Dashboard", description: "Health, metrics and this document" },
  { name: "Sessions", description: "Signing in and out with a password" },
  { name: "API tokens", description: "Tokens for scripts, monitors and other Agent Decks" },
];

export const SECURITY_SCHEMES = {
  bearerToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "adk_ and 43 base64url characters",
    description: "An API token; its scope (read, operate, admin) is what it may do.",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "A browser session from POST /api/session: the admin password's is `admin`, the view password's `read`.",
  },
  password: {
    type: "http",
    scheme: "basic",
    description: "Either password as HTTP Basic (any user name), as for sessions.",
  },
};

type ErrorReply = { description: string; headers?: Record<string, string> };
type ErrorWords = { code: ErrorCode; description: string; headers?: Record<string, string> };

/** Each code the API answers with, in words; codes that share a status share its reply. */
const ERRORS: ErrorWords[] = [
  {
    code: "invalid_input",
    description: "a parameter, the query or the body is not valid; `fields` names each and says why",
  },
  {
    code: "unauthorized",
    description: "no credentials while a password is set, or a bad or revoked token",
    headers: { "WWW-Authenticate": 'Bearer realm="Agent Deck" (error="invalid_token" for a bad token)' },
  },
  {
    code: "forbidden",
    description:
      'the scope is too small (a token gets WWW-Authenticate error="insufficient_scope"), or a browser\'s change came without the same-origin headers, or an entry from ALERTS_FILE',
    headers: { "WWW-Authenticate": 'For a token: Bearer realm="Agent Deck", error="insufficient_scope", scope="…"' },
  },
  { code: "not_found", description: "no such agent, run, token, schedule, alert channel or rule" },
  { code: "length_required", description: "a body without Content-Length" },
  { code: "payload_too_large", description: "a body over 64 KB" },
  { code: "host_not_allowed", description: "the Host is not in the allowlist (DNS rebinding defence)" },
  {
    code: "too_many_requests",
    description:
      "too many failed sign-ins or API tokens: 5 a minute from this client (100 a minute from everyone for passwords); nothing is compared until the minute drains",
    headers: { "Retry-After": "Seconds until the minute drains" },
  },
  { code: "internal_error", description: "the dashboard's own failure; the details are in its log" },
  { code: "agent_bad_response", description: "the agent answered, but not usably" },
  {
    code: "agent_unsupported",
    description:
      "the agent answered, but lacks what was asked for: a version older than the endpoint, or its Agent API is off (README: Older agents)",
  },
  { code: "agent_unreachable", description: "the agent could not be reached" },
  { code: "agent_timeout", description: "the agent did not answer in time" },
];

export const ERROR_REPLIES: Record<number, ErrorReply> = {};
for (const e of ERRORS) {
  const status = ERROR_CODES[e.code];
  const known = ERROR_REPLIES[status];
  const words = `\`${e.code}\`: ${e.description}`;
  ERROR_REPLIES[status] = {
    description: known ? `${known.description}; or ${words}` : words,
    ...(known?.headers || e.headers ? { headers: { ...known?.headers, ...e.headers } } : {}),
  };
}

/** The error statuses one operation can answer, besides its own replies. */
export function errorsOf(op: Operation): number[] {
  const hasParams = op.path.includes("{");
  const statuses = [401, 421, 429, 500];
  if (hasParams || op.query || op.body) statuses.push(400);
  if (op.scope !== "read" || op.method !== "get") statuses.push(403);
  if (hasParams) statuses.push(404);
  if (op.body) statuses.push(411, 413);
  if (op.agent) statuses.push(502, 503, 504);
  return statuses.filter((s) => !(s in op.replies)).sort((a, b) => a - b);
}
