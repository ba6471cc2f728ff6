import "server-only";
import { clip } from "../notification";
import { secretOf, stateWord, USER_AGENT, type Formatter } from "./types";

/**
 * ntfy: published as JSON to the server's root URL (non-ASCII titles need no header encoding that
 * way), with priority and tags by severity: an error is "high" with a siren, a warning the default,
 * news and resolutions "low" with a check mark; a click opens the dashboard's page.
 */
const PRIORITY = { error: 4, warning: 3, info: 2 } as const;
const TAG = { error: "rotating_light", warning: "warning", info: "information_source" } as const;

export const formatNtfy: Formatter = (channel, n) => {
  const resolved = n.state === "resolved";
  const body = JSON.stringify({
    topic: String(channel.settings.topic),
    title: clip(`${stateWord(n)}: ${n.title}`, 250),
    message: clip(n.message, 4000),
    priority: resolved ? 2 : PRIORITY[n.severity],
    tags: [resolved ? "white_check_mark" : TAG[n.severity], "agent-deck"],
    click: n.url,
  });
  const headers: Record<string, string> = { "Content-Type": "application/json", "User-Agent": USER_AGENT };
  const token = secretOf(channel.secrets.token);
  if (token) headers.Authorization = `Bearer ${token}`;
  const server = String(channel.settings.server).replace(/\/+$/, "");
  return { kind: "http", request: { url: `${server}/`, headers, body } };
};
