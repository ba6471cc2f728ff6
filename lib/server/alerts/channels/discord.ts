import "server-only";
import { clip } from "../notification";
import { colorOf, secretOf, stateWord, USER_AGENT, type Formatter } from "./types";

/**
 * Discord webhook: one embed (title linking to the dashboard, the message, agent and state as fields,
 * the severity's colour). `allowed_mentions` is empty, so a run named "@everyone" pings nobody.
 */
export const formatDiscord: Formatter = (channel, n) => {
  const fields = [
    ...(n.agent ? [{ name: "Agent", value: clip(n.agent.name, 1024), inline: true }] : []),
    { name: "Trigger", value: n.trigger, inline: true },
    { name: "State", value: n.state, inline: true },
  ];
  const body = JSON.stringify({
    username: "Agent Deck",
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: clip(`${stateWord(n)}: ${n.title}`, 256),
        description: clip(n.message, 4096),
        url: n.url,
        color: parseInt(colorOf(n).slice(1), 16),
        timestamp: n.time,
        fields,
        footer: { text: "Agent Deck" },
      },
    ],
  });
  const url = secretOf(channel.secrets.url) ?? "";
  return {
    kind: "http",
    request: { url, headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT }, body },
  };
};
