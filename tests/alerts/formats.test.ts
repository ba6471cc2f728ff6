import { describe, expect, it } from "vitest";
import type { Run } from "@/lib/agent-api/runs";
import { formatFor } from "@/lib/server/alerts/channels";
import type { ChannelRecord } from "@/lib/server/alerts/channels/types";
import { compose } from "@/lib/server/alerts/compose";
import { verifySignature } from "@/lib/server/alerts/signature";

const run = {
  run_id: 543,
  name: "<!channel> @everyone nightly",
  path: "C:\\Data",
  type: "folder",
  status: "error",
  errors: Array.from({ length: 30 }, (_, i) => ({ code: 10200, message: `disk full ${i} ${"x".repeat(600)}` })),
} as Run;
const n = compose({
  trigger: "run_error",
  state: "open",
  texts: { title: "Run on Office PC: error", message: "It is in error." },
  agent: { id: "office", name: "Office PC" },
  subject: { key: "run:543", run },
  rule: { id: "r-1", name: "Errors" },
  incident: { id: 9, openedAt: 0, flaps: 2 },
  publicUrl: "https://deck.example.com",
  at: Date.UTC(2026, 11, 7, 12),
});
const channel = (type: ChannelRecord["type"], settings: object, secrets: object = {}): ChannelRecord => ({
  id: "c",
  name: "C",
  type,
  settings: settings as Record<string, unknown>,
  secrets: secrets as Record<string, unknown>,
  source: "ui",
  createdAt: 0,
  updatedAt: 0,
});
const http = (c: ChannelRecord) => {
  const f = formatFor(c, n, "d-1");
  if (f.kind !== "http") throw new Error("not http");
  return { ...f.request, json: JSON.parse(f.request.body) as Record<string, unknown> };
};

describe("notification payloads per channel", () => {
  it("the webhook body is the notification with its delivery id, signed, with a bounded run", () => {
    const r = http(channel("webhook", { url: "https://hooks.example/x" }, { secret: "s", headers: { "X-Key": "k" } }));
    expect(r.url).toBe("https://hooks.example/x");
    expect(r.json).toMatchObject({
      id: "d-1",
      trigger: "JOB_RUN_ERROR",
      state: "open",
      severity: "error",
      agent: { id: "office", name: "Office PC" },
      job_run: { run_id: 543, errors_total: 30 },
      incident: { id: 9, flaps: 2, opened_at: "1970-01-01T00:00:00.000Z" },
      url: "https://deck.example.com/agents/office/runs/543",
      time: "2026-12-07T12:00:00.000Z",
    });
    expect((r.json.job_run as { errors: unknown[] }).errors).toHaveLength(10);
    expect(r.body.length).toBeLessThan(12_000);
    expect(verifySignature("s", r.body, r.headers["X-AgentDeck-Signature"])).toBe(true);
    expect(r.headers).toMatchObject({
      "X-Key": "k",
      "X-AgentDeck-Delivery": "d-1",
      "Content-Type": "application/json",
    });
    const unsigned = http(channel("webhook", { url: "https://hooks.example/x" }));
    expect(unsigned.headers["X-AgentDeck-Signature"]).toBeUndefined();
  });

  it("ntfy: JSON to the server root with the topic, priority and tags by severity, a click link and the token", () => {
    const r = http(channel("ntfy", { server: "https://ntfy.example/", topic: "ops" }, { token: "tk" }));
    expect(r.url).toBe("https://ntfy.example/");
    expect(r.headers.Authorization).toBe("Bearer tk");
    expect(r.json).toMatchObject({
      topic: "ops",
      title: "Alert: Run on Office PC: error",
      priority: 4,
      tags: ["rotating_light", "agent-deck"],
      click: "https://deck.example.com/agents/office/runs/543",
    });
  });

  it("Slack: fallback text and a coloured attachment in Block Kit; agent text escaped so it pings nobody", () => {
    const named = compose({ ...baseOf(), texts: { title: run.name, message: "<@U123> & co" } });
    const f = formatFor(channel("slack", {}, { url: "https://hooks.slack.example/T/B/X" }), named, "d-2");
    if (f.kind !== "http") throw new Error("not http");
    const json = JSON.parse(f.request.body) as {
      text: string;
      attachments: { color: string; blocks: { text?: { text: string } }[] }[];
    };
    expect(f.request.url).toBe("https://hooks.slack.example/T/B/X");
    expect(json.text).toBe("Alert: &lt;!channel&gt; @everyone nightly");
    expect(json.attachments[0]!.color).toBe("#dc2626");
    expect(json.attachments[0]!.blocks[0]!.text!.text).toContain("&lt;@U123&gt; &amp; co");
    expect(f.request.body).not.toContain("<!channel>");
  });

  it("Discord: one embed with colour and fields; allowed_mentions empty", () => {
    const r = http(channel("discord", {}, { url: "https://discord.example/api/webhooks/1/x" }));
    expect(r.json).toMatchObject({
      username: "Agent Deck",
      allowed_mentions: { parse: [] },
      embeds: [
        {
          title: "Alert: Run on Office PC: error",
          url: "https://deck.example.com/agents/office/runs/543",
          color: 0xdc2626,
          timestamp: "2026-12-07T12:00:00.000Z",
          fields: [
            { name: "Agent", value: "Office PC", inline: true },
            { name: "Trigger", value: "JOB_RUN_ERROR", inline: true },
            { name: "State", value: "open", inline: true },
          ],
        },
      ],
    });
  });

  it("email: subject with the state, text and HTML with the link; agent text escaped in HTML", () => {
    const resolved = compose({ ...baseOf(), state: "resolved", texts: { title: "<b>x</b>", message: "ok" } });
    const f = formatFor(
      channel("email", { host: "h", port: 25, tls: "none", from: "a@b.c", to: ["d@e.f"] }),
      resolved,
      "d-3",
    );
    if (f.kind !== "mail") throw new Error("not mail");
    expect(f.mail.subject).toBe("[Agent Deck] Resolved: <b>x</b>");
    expect(f.mail.text).toContain("Trigger: JOB_RUN_ERROR_CLEARED (resolved)");
    expect(f.mail.text).toContain("Open: https://deck.example.com/agents/office/runs/543");
    expect(f.mail.html).toContain("&lt;b&gt;x&lt;/b&gt;");
    expect(f.mail.html).toContain("#16a34a");
  });
});

function baseOf() {
  return {
    trigger: "run_error" as const,
    state: "open" as const,
    texts: { title: "t", message: "m" },
    agent: { id: "office", name: "Office PC" },
    subject: { key: "run:543", run },
    rule: { id: "r-1", name: "Errors" },
    publicUrl: "https://deck.example.com",
    at: 0,
  };
}
