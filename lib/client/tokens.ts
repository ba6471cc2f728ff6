import {
  TokenCreatedSchema,
  TokenRevokedSchema,
  TokensResponseSchema,
  type ApiToken,
  type TokenCreate,
  type TokenCreated,
} from "@/lib/bff/contract";
import { apiDelete, apiGet, apiPost } from "./api";

/** The API tokens page's calls: list, make (the answer holds the token itself, this once), revoke. */
export const TOKENS_KEY = ["tokens"] as const;

export async function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return TokensResponseSchema.parse(await apiGet("/api/tokens", signal)).tokens;
}

export async function createApiToken(input: TokenCreate): Promise<TokenCreated> {
  return TokenCreatedSchema.parse(await apiPost("/api/tokens", input));
}

export async function revokeApiToken(id: number): Promise<ApiToken> {
  return TokenRevokedSchema.parse(await apiDelete(`/api/tokens/${encodeURIComponent(String(id))}`)).revoked;
}
