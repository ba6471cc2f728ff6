import "server-only";
import { clip } from "../notification";
import { colorOf, secretOf, stateWord, USER_AGENT, type Formatter } from "./types";

/**
 * Slack incoming webhook: a fallback `text` (what the phone's notification shows) and a coloured
 * attachment with the message in Block Kit. Agent text is escaped (&, <, >), so a run named
 * "<!channel>" is shown, not obeyed.
 */
const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export const formatSlack: Formatter = (channel, n) => {
  const title = `${stateWord(n)}: ${n.title}`;
  const context = [n.trigger, n.agent?.name, n.state].filter(Boolean).map((s) => escape(String(s)));
  const body = JSON.stringify({
    text: escape(clip(title, 300)),
    attachments: [
      {
        color: colorOf(n),
        blocks: [
          {
            type: "section",
            text: { type: "mrkdwn", text: clip(`*<${n.url}|${escape(title)}>*\n${escape(n.message)}`, 2900) },
          },
          { type: "context", elements: [{ type: "mrkdwn", text: `Agent Deck · ${context.join(" · ")}` }] },
        ],
      },
    ],
  });
  const url = secretOf(channel.secrets.url) ?? "";
  return {
    kind: "http",
    request: { url, headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT }, body },
  };
};
