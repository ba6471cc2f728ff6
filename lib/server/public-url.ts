import "server-only";
import os from "node:os";
import { agentUrl } from "./config-parse";

/**
 * PUBLIC_URL: the dashboard's own address as people reach it, for the links in notifications. An
 * http(s) URL without credentials, query or fragment; by default http://HOST:PORT, with this
 * machine's name in place of a wildcard listen address (0.0.0.0 is nobody's address to click).
 */
export function publicUrl(raw: string | undefined, host: string, port: number, errors: string[]): string {
  if (raw !== undefined) return agentUrl(raw, "PUBLIC_URL", errors, "https://deck.example.com") ?? "";
  const wildcard = host === "0.0.0.0" || host === "::" || host === "[::]";
  const name = wildcard ? os.hostname() : host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `http://${name}:${port}`;
}
