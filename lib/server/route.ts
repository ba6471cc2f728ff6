import "server-only";
import type { NextRequest } from "next/server";
import type { $ZodType, input } from "zod/v4/core";
import { safeParse } from "@/lib/agent-api/zod";
import "./zod-messages";
import { getConfig, type Config } from "./config";
import { AppError, NO_STORE, toResponse } from "./errors";
import { checkHost, checkMutation } from "./guard";
import { resolveAccess, unauthorized, type Access } from "./session";
import { insufficientScope } from "./tokens";
import { scopeAllows, type Scope } from "@/lib/bff/contract-tokens";
import { readJsonBody, validationError } from "./request-body";

/**
 * The one wrapper every API handler goes through, in this order: Host allowlist (421), who is asking
 * (an API token, 401 when bad; else sign-in when a password is configured, 401), for mutations by a
 * browser the CSRF checks (403), the route's scope (403), then the JSON body (413/400) parsed by the
 * contract's schema. Every answer gets no-store, every failure goes through toResponse. Nothing
 * unchecked reaches a handler, so nothing reaches the agent.
 */
export type RouteContext<B> = {
  req: NextRequest;
  params: Record<string, string>;
  body: B;
  config: Config;
  /** Undefined only on public routes when the client has not signed in. */
  access: Access | undefined;
};

type Options<B> = {
  mutating?: boolean;
  /**
   * What the caller must hold: `read` (the default for reads), `operate` (the default for
   * mutations: pause, resume, restart, tags) or `admin` (settings, tokens, schedules). Sessions
   * hold theirs by password (admin password `admin`, view password `read`), tokens by their scope.
   */
  scope?: Scope;
  /** Schema for the JSON body (mutations). Without it, any body is ignored and not read. */
  body?: $ZodType<B>;
  /** Reachable without signing in (the sign-in endpoint itself). */
  public?: boolean;
};

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

export function apiRoute<B = undefined>(options: Options<B>, handler: (ctx: RouteContext<B>) => Promise<Response>) {
  const scope = options.scope ?? (options.mutating ? "operate" : "read");
  const route = async (req: NextRequest, ctx: NextContext): Promise<Response> => {
    let response: Response;
    try {
      const config = getConfig();
      const hostError = checkHost(req.headers, config);
      if (hostError) throw hostError;
      const access = resolveAccess(req.headers, config);
      if (!access && !options.public) throw unauthorized();
      // A token proves intent by itself (no browser sends one on its own), so it needs no CSRF checks.
      if (options.mutating && access?.via !== "token") {
        const csrf = checkMutation(req.headers, config);
        if (csrf) throw csrf;
      }
      if (access) assertScope(access, scope);
      let body = undefined as B;
      if (options.body) {
        const raw = await readJsonBody(req);
        const parsed = safeParse(options.body, raw);
        if (!parsed.success) throw validationError(parsed.error);
        body = parsed.data;
      }
      const params = await resolveParams(ctx);
      response = await handler({ req, params, body, config, access });
    } catch (err) {
      response = toResponse(err);
    }
    response.headers.set("Cache-Control", NO_STORE);
    return response;
  };
  // What the route demands, readable by tests: the OpenAPI document must say the same (tests/server/openapi.test.ts).
  return Object.assign(route, { scope, public: options.public === true });
}

function assertScope(access: Access, need: Scope): void {
  if (scopeAllows(access.scope, need)) return;
  if (access.via === "token") throw insufficientScope(access, need);
  throw new AppError(
    "forbidden",
    access.scope === "read"
      ? "This session is read-only: sign in with the dashboard password to make changes"
      : `This needs the ${need} scope`,
  );
}

async function resolveParams(ctx: NextContext | undefined): Promise<Record<string, string>> {
  const raw = ctx?.params ? await ctx.params : {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === "string") out[k] = v;
  return out;
}

/**
 * JSON success answer, produced through its schema in lib/bff/contract.ts (the same one the browser
 * reads with): an answer that does not fit its own contract is the dashboard's bug, logged and sent
 * as a 500, never passed on. The wrapper adds no-store.
 */
export function json<S extends $ZodType>(schema: S, data: input<S>, init?: ResponseInit): Response {
  const checked = safeParse(schema, data);
  if (!checked.success) {
    const where = checked.error.issues[0]?.path.join(".") || "body";
    throw new Error(`answer does not fit its contract at ${where}`);
  }
  return Response.json(checked.data, init);
}
