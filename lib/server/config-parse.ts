import "server-only";

/** All bad settings at once, one line each, so a user fixes everything in one round. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.map((p) => `agent-deck: invalid configuration: ${p}`).join("\n"));
    this.name = "ConfigError";
  }
}

/** Quote a user's value for an error line; long values are cut so the line stays one readable line. */
export function quote(value: string): string {
  const cut = value.length > 80 ? `${value.slice(0, 77)}...` : value;
  return JSON.stringify(cut);
}

export function envInt(
  raw: string | undefined,
  name: string,
  fallback: number,
  min: number,
  max: number,
  what: string,
  errors: string[],
): number {
  if (raw === undefined) return fallback;
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    errors.push(`${name} must be ${what} between ${min} and ${max} (got ${quote(raw)})`);
    return fallback;
  }
  return n;
}

/** Only the words "true" and "false": a typo such as "ture" must not silently mean false. */
export function envBool(raw: string | undefined, name: string, fallback: boolean, errors: string[]): boolean {
  if (raw === undefined) return fallback;
  const v = raw.trim().toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  errors.push(`${name} must be "true" or "false" (got ${quote(raw)})`);
  return fallback;
}

export const CONTROL = /[\u0000-\u001f\u007f]/;

export function oneLineText(raw: string, name: string, errors: string[]): string | undefined {
  const v = raw.trim();
  if (v.length === 0 || v.length > 100 || CONTROL.test(v)) {
    errors.push(`${name} must be 1 to 100 characters of plain text on one line (got ${quote(raw)})`);
    return undefined;
  }
  return v;
}

/** Hide anything secret-looking (credentials, query) before echoing a URL in an error line. */
function safeUrlForMessage(raw: string): string {
  return raw.replace(/\/\/[^/@]*@/, "//***@").replace(/[?#].*$/, "?***");
}

/**
 * The agent's base URL: http(s), no credentials, query or fragment (the token is added per call and
 * must never be baked into configuration that ends up in logs). Returned without a trailing slash.
 */
export function agentUrl(
  raw: string,
  name: string,
  errors: string[],
  example = "http://127.0.0.1:3840",
): string | undefined {
  let u: URL | undefined;
  try {
    u = new URL(raw.trim());
  } catch {
    u = undefined;
  }
  if (!u || (u.protocol !== "http:" && u.protocol !== "https:") || u.username || u.password || u.search || u.hash) {
    errors.push(
      `${name} must be an http:// URL without credentials or query, such as ${example} (got ${quote(safeUrlForMessage(raw))})`,
    );
    return undefined;
  }
  return u.origin + u.pathname.replace(/\/+$/, "");
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*\.?$/;
const IPV6 = /^\[[0-9a-f:.]+\]$/;

/** Splits a Host header value or ALLOWED_HOSTS entry into its lowercase name and optional port. */
export function splitHost(value: string): { name: string; port?: number } | undefined {
  const v = value.trim().toLowerCase();
  const m = /^(\[[^\]]*\]|[^:]+)(?::(\d{1,5}))?$/.exec(v);
  if (!m || m[1] === undefined) return undefined;
  const name = m[1].replace(/\.$/, "");
  if (!HOSTNAME.test(name) && !IPV6.test(name)) return undefined;
  const port = m[2] === undefined ? undefined : Number(m[2]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return { name, port };
}

/** Canonical form of an ALLOWED_HOSTS entry (`name` or `name:port`), or undefined if malformed. */
export function hostEntry(value: string): string | undefined {
  const h = splitHost(value);
  return h && (h.port === undefined ? h.name : `${h.name}:${h.port}`);
}

/** Whether a listen address keeps the dashboard on this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}
