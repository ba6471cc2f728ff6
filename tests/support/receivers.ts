import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/**
 * Real receivers on loopback for alert tests: an HTTP server that records every request (webhook,
 * ntfy, Slack, Discord all POST to it) and answers as told (a status queue, Retry-After), and an SMTP
 * server that receives the mail nodemailer sends. Nothing here is the dashboard's code.
 */
export type Received = {
  t: number;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: unknown;
  status: number;
};

export type HttpReceiver = {
  url: string;
  received: Received[];
  /** Answers for the next requests, in order (then 200 again). */
  answerNext(...answers: { status: number; retryAfter?: string }[]): void;
  /** Answer this status to every request until changed. */
  answerAlways(status: number): void;
  waitFor(count: number, timeoutMs?: number, path?: string): Promise<Received[]>;
  close(): Promise<void>;
};

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const received: Received[] = [];
  const queue: { status: number; retryAfter?: string }[] = [];
  let always = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const answer = queue.shift() ?? { status: always };
      received.push({ t: Date.now(), path: req.url ?? "", headers: req.headers, body, json, status: answer.status });
      res.writeHead(answer.status, answer.retryAfter ? { "Retry-After": answer.retryAfter } : {});
      res.end(answer.status < 300 ? "ok" : `status ${answer.status}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerNext: (...answers) => void queue.push(...answers),
    answerAlways: (status) => void (always = status),
    async waitFor(count, timeoutMs = 20_000, path) {
      const deadline = Date.now() + timeoutMs;
      const matching = () => received.filter((r) => path === undefined || r.path === path);
      while (matching().length < count) {
        if (Date.now() > deadline)
          throw new Error(`receiver: ${matching().length} of ${count} requests after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return matching();
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** What a receiver does to check the signature: HMAC-SHA256 of the raw body, compared in constant time. */
export function signatureValid(secret: string, body: string, header: string | string[] | undefined): boolean {
  if (typeof header !== "string") return false;
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export type Mail = { from: string; to: string[]; raw: string; user?: string };
export type SmtpReceiver = {
  port: number;
  mails: Mail[];
  waitFor(n: number, timeoutMs?: number): Promise<Mail[]>;
  close(): Promise<void>;
};

/** An SMTP server on loopback (plain, AUTH PLAIN/LOGIN allowed without TLS), keeping every message. */
export async function startSmtpReceiver(credentials?: { user: string; pass: string }): Promise<SmtpReceiver> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: credentials === undefined,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.pass)
        cb(null, { user: auth.username });
      else cb(new Error("Invalid username or password"));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          ...(typeof session.user === "string" ? { user: session.user } : {}),
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    async waitFor(n, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < n) {
        if (Date.now() > deadline) throw new Error(`smtp: ${mails.length} of ${n} mails after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return mails;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
