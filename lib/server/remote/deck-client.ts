import "server-only";
import type { $ZodType, output } from "zod/v4/core";
import { safeParse } from "@/lib/agent-api/zod";
import { ERROR_CODES, ErrorBodySchema, type ErrorCode } from "@/lib/bff/contract";
import { reporter, type Resource, type UpstreamEvent } from "../agent-client";
import { formatPath, parseJsonBody } from "../agent-decode";
import type { DeckLink } from "../config";
import { AppError, isAppError } from "../errors";
import { upstreamRequest, type UpstreamResponse } from "../upstream-http";

/**
 * Talks to another Agent Deck about one agent it watches, as any script would: its documented API,
 * with this hub's API token of that deck (`Authorization: Bearer`). The deck's address and token stay
 * here: every failure becomes an AppError in this hub's own words, which never repeat them, and the
 * deck's own messages pass only where they describe its agent (which that deck never words with an
 * address either).
 */
export const THE_DECK = "The Agent Deck that watches this agent";

/** What the deck may say of its agent, passed on as it is: the agent, not the deck, is the problem. */
const AGENT_CODES = new Set<string>(["agent_unreachable", "agent_timeout", "agent_bad_response", "invalid_input"]);

export type DeckCall = {
  resource: Resource;
  method: "GET" | "PATCH";
  /** Under the agent's path on the deck (`/api/agents/{agent}`), e.g. "/snapshot?since=…"; or absolute ("/api/session"). */
  path: string;
  body?: unknown;
};

export class DeckClient {
  constructor(
    /** This hub's id for the agent (metrics, logs). */
    readonly agentId: string,
    private readonly link: DeckLink,
    private readonly options: { timeoutMs: number; observe?: (event: UpstreamEvent) => void },
  ) {}

  get hasToken(): boolean {
    return this.link.token !== undefined;
  }

  /** The answer, read with `schema`; any failure as an AppError (deck_… or the deck's words about its agent). */
  async call<S extends $ZodType>(spec: DeckCall, schema: S): Promise<output<S>> {
    const report = reporter(this.options.observe, this.agentId, spec.resource);
    try {
      const res = await upstreamRequest({
        method: spec.method,
        url: this.url(spec.path),
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        timeoutMs: this.options.timeoutMs,
        peer: "deck",
        headers: this.headers(spec.method),
        ca: this.link.ca,
      });
      if (res.status < 200 || res.status > 299) throw this.refusal(res, spec);
      const value = readAnswer(res, schema);
      report("ok");
      return value;
    } catch (err) {
      const error = isAppError(err)
        ? err
        : new AppError("deck_bad_response", `${THE_DECK} could not be asked; the details are in the hub's log`);
      report(error.code, error);
      throw error;
    }
  }

  private url(path: string): URL {
    const under = path.startsWith("/api/") ? "" : `/api/agents/${encodeURIComponent(this.link.agent)}`;
    return new URL(this.link.url + under + path);
  }

  private headers(method: "GET" | "PATCH"): Record<string, string> {
    return {
      "Accept-Encoding": "gzip",
      ...(this.link.token ? { Authorization: `Bearer ${this.link.token}` } : {}),
      // A deck open on loopback takes changes only from its own origin (its CSRF check); with a
      // token it needs none, and this is what a script on that machine would send.
      ...(method === "PATCH" && !this.link.token ? { Origin: new URL(this.link.url).origin } : {}),
    };
  }

  /** A deck's error answer in this hub's words. */
  private refusal(res: UpstreamResponse, spec: DeckCall): AppError {
    const said = deckError(res);
    if (said && AGENT_CODES.has(said.code)) return new AppError(said.code as ErrorCode, said.message);
    switch (res.status) {
      case 401:
        return new AppError(
          "deck_refused",
          this.link.token
            ? `${THE_DECK} refused this hub's API token: it is revoked or not one of that deck's. Make a new one there and put it in AGENTS_FILE`
            : `${THE_DECK} requires sign-in: give this hub an API token of that deck (token or tokenEnv in AGENTS_FILE)`,
        );
      case 403:
        return /insufficient_scope/.test(String(res.headers?.["www-authenticate"] ?? ""))
          ? new AppError("forbidden", readOnlyReason("read"))
          : new AppError("deck_refused", `${THE_DECK} refused this hub (HTTP 403)`);
      case 404:
        return new AppError(
          "deck_bad_response",
          said?.code === "not_found" && spec.path !== "/api/session"
            ? `${THE_DECK} has no agent with the id this hub asks for: check "agent" in AGENTS_FILE`
            : `${THE_DECK} does not know ${describe(spec.resource)} (HTTP 404): is it an Agent Deck of this version?`,
        );
      case 421:
        return new AppError(
          "deck_refused",
          `${THE_DECK} does not answer to the name this hub uses for it: add that name to its ALLOWED_HOSTS`,
        );
      case 429:
        return new AppError(
          "deck_refused",
          `${THE_DECK} refuses this hub for now (too many failed attempts from here); retrying`,
        );
      default:
        return new AppError(
          "deck_bad_response",
          `${THE_DECK} answered HTTP ${res.status} when asked for ${describe(spec.resource)}`,
        );
    }
  }
}

/** Why a deck's agent cannot be changed from this hub, for a token of `scope` (or a read-only sign-in). */
export function readOnlyReason(scope: "read" | "view"): string {
  return scope === "read"
    ? "Read-only here: this hub's API token for the agent's deck has the read scope; pause, resume, restart and tags need a token with the operate scope"
    : "Read-only here: this hub is signed in to the agent's deck read-only";
}

function deckError(res: UpstreamResponse): { code: string; message: string } | undefined {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(res.body.toString("utf8")));
    return parsed.success && parsed.data.error.code in ERROR_CODES ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}

function readAnswer<S extends $ZodType>(res: UpstreamResponse, schema: S): output<S> {
  let json: unknown;
  try {
    json = parseJsonBody(res);
  } catch {
    throw new AppError("deck_bad_response", `${THE_DECK} answered with something other than JSON`);
  }
  const parsed = safeParse(schema, json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "deck_bad_response",
      `${THE_DECK} answered with data this hub cannot read${issue ? `: ${formatPath("answer", issue.path)} ${issue.message.replace(/^Invalid input: /, "")}` : ""}`,
    );
  }
  return parsed.data;
}

function describe(resource: Resource): string {
  return resource === "deck_events"
    ? "the agent's events"
    : resource === "deck_session"
      ? "what this hub's token may do"
      : resource === "deck_snapshot"
        ? "the agent's snapshot"
        : "a change to the agent";
}
