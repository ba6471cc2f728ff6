import * as z from "@/lib/agent-api/zod";

/*
 * API tokens (issue 12): what a token may do, how one is named, and what the routes answer. The
 * token itself is `adk_` and 43 base64url characters (32 random bytes); only its hash is kept.
 */

/** Each scope includes the ones before it: `operate` may read, `admin` may operate. */
export const TOKEN_SCOPES = ["read", "operate", "admin"] as const;
export type Scope = (typeof TOKEN_SCOPES)[number];
export const ScopeSchema = z.enum(TOKEN_SCOPES);

/** Whether holding `have` permits what needs `need`. */
export function scopeAllows(have: Scope, need: Scope): boolean {
  return TOKEN_SCOPES.indexOf(have) >= TOKEN_SCOPES.indexOf(need);
}

export const TOKEN_PREFIX = "adk_";
/** The whole token as it is sent: `Authorization: Bearer adk_…`. */
export const TOKEN_PATTERN = /^adk_[A-Za-z0-9_-]{43}$/;

/**
 * A name people recognise in the event log (`token "nightly-backup" (operate, …)`): letters of any
 * script, digits, spaces and . , _ @ -, starting with a letter or digit; no quotes or control characters.
 */
export const TokenNameSchema = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, "Give the token a name"),
    z.maxLength(64, "The name must be at most 64 characters"),
    z.regex(
      /^[\p{L}\p{N}][\p{L}\p{N} .,_@-]*$/u,
      "The name may hold letters, digits, spaces and . , _ @ -, and must start with a letter or digit",
    ),
  );

/** POST /api/tokens */
export const TokenCreateSchema = z.strictObject({ name: TokenNameSchema, scope: ScopeSchema });
export type TokenCreate = z.infer<typeof TokenCreateSchema>;

/** A token as listed: never the token itself, only its first characters to tell it apart. */
export const ApiTokenSchema = z.object({
  id: z.number(),
  name: z.string(),
  scope: ScopeSchema,
  /** The token's first 8 characters (`adk_` and 4 more), enough to recognise it, useless to use it. */
  prefix: z.string(),
  /** Epoch ms. */
  createdAt: z.number(),
  /** Who made it, as the event log names actors. */
  createdBy: z.optional(z.string()),
  /** Epoch ms, to within a minute (written at most once a minute per token); absent if never used. */
  lastUsedAt: z.optional(z.number()),
});
export type ApiToken = z.infer<typeof ApiTokenSchema>;

/** GET /api/tokens: newest first. */
export const TokensResponseSchema = z.object({ tokens: z.array(ApiTokenSchema) });
export type TokensResponse = z.infer<typeof TokensResponseSchema>;

/** POST /api/tokens answers 201 with the token itself, shown this once and never again. */
export const TokenCreatedSchema = z.object({
  token: ApiTokenSchema,
  secret: z.string().check(z.regex(TOKEN_PATTERN)),
});
export type TokenCreated = z.infer<typeof TokenCreatedSchema>;

/** DELETE /api/tokens/{tokenId} */
export const TokenRevokedSchema = z.object({ ok: z.literal(true), revoked: ApiTokenSchema });

export const TokenIdSchema = z.string().check(z.regex(/^\d{1,15}$/, "tokenId must be digits"));
