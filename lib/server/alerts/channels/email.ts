import "server-only";
import nodemailer from "nodemailer";
import { clip } from "../notification";
import type { Attempt } from "./send-http";
import { colorOf, secretOf, stateWord, type ChannelRecord, type Formatter, type MailMessage } from "./types";

/**
 * Email over SMTP with nodemailer: plain text and a small HTML part (agent text escaped). TLS mode
 * `tls` is implicit TLS (usually port 465), `starttls` requires the upgrade (587), `none` sends in
 * the clear (a relay on this machine). SMTP's own reply codes decide retries: 4xx is temporary, 5xx
 * permanent; a connection that fails or times out is tried again.
 */
const html = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export const formatEmail: Formatter = (_channel, n) => {
  const subject = clip(`[Agent Deck] ${stateWord(n)}: ${n.title}`, 200);
  const lines = [
    n.title,
    "",
    n.message,
    "",
    ...(n.agent ? [`Agent: ${n.agent.name} (${n.agent.id})`] : []),
    `Trigger: ${n.trigger} (${n.state})`,
    `Time: ${n.time}`,
    "",
    `Open: ${n.url}`,
  ];
  const mail: MailMessage = {
    subject,
    text: lines.join("\n"),
    html: `<div style="border-left:4px solid ${colorOf(n)};padding-left:12px;font-family:sans-serif"><p><strong>${html(n.title)}</strong></p><p>${html(n.message)}</p><p style="color:#555">${n.agent ? `Agent: ${html(n.agent.name)} · ` : ""}${html(n.trigger)} (${n.state}) · ${html(n.time)}</p><p><a href="${html(n.url)}">Open in Agent Deck</a></p></div>`,
  };
  return { kind: "mail", mail };
};

export async function sendMail(channel: ChannelRecord, mail: MailMessage, timeoutMs: number): Promise<Attempt> {
  const s = channel.settings;
  const user = typeof s.user === "string" ? s.user : undefined;
  const pass = secretOf(channel.secrets.password);
  const transport = nodemailer.createTransport({
    host: String(s.host),
    port: Number(s.port),
    secure: s.tls === "tls",
    requireTLS: s.tls === "starttls",
    ignoreTLS: s.tls === "none",
    ...(user ? { auth: { user, pass: pass ?? "" } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const started = performance.now();
  try {
    const info = await transport.sendMail({
      from: String(s.from),
      to: (s.to as string[]).join(", "),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    const code = /^(\d{3})/.exec(String(info.response ?? ""))?.[1];
    return { ok: true, retry: false, durationMs: elapsed(started), ...(code ? { status: Number(code) } : {}) };
  } catch (err) {
    const e = err as { responseCode?: number; code?: string; message?: string };
    const status = typeof e.responseCode === "number" ? e.responseCode : undefined;
    // A reply code: 4xx means "try later", 5xx "never". No reply at all: the server was not reached.
    const retry = status === undefined || (status >= 400 && status < 500);
    const what = status !== undefined ? `SMTP ${status}` : (e.code ?? "SMTP error");
    return {
      ok: false,
      retry,
      status,
      error: `${what}: ${clip(e.message ?? String(err), 300)}`,
      durationMs: elapsed(started),
    };
  } finally {
    transport.close();
  }
}

const elapsed = (started: number) => Math.round(performance.now() - started);
