import http from "node:http";
import net from "node:net";
import os from "node:os";
import { expect, type Page } from "@playwright/test";

/**
 * Plain HTTP for the attack specs. fetch() refuses to set Host, Origin or Sec-Fetch-Site, and an
 * attacker's client is not a browser either, so these requests say exactly what a test tells them.
 */
export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; rawHeaders: string[]; body: string };
export type RawRequest = {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  chunked?: boolean;
  address?: string;
  /** The client's own address (e.g. 127.0.0.2: loopback, but another client to the sign-in limiter). */
  from?: string;
};

export function raw(port: number, req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: `127.0.0.1:${port}`, ...req.headers };
    if (req.body !== undefined && !req.chunked) headers["Content-Length"] = String(Buffer.byteLength(req.body));
    const r = http.request(
      {
        host: req.address ?? "127.0.0.1",
        localAddress: req.from,
        port,
        method: req.method ?? "GET",
        path: req.path,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    let answered = false;
    r.on("response", () => (answered = true));
    r.on("error", reject);
    if (req.body === undefined) return void r.end();
    // A server may answer a large body (411, 413) on seeing the headers and close without reading
    // it, as HTTP allows: so the headers go first, and the body only to a server that has not
    // answered by then. Several writes without Content-Length make Node send it chunked.
    const buf = Buffer.from(req.body);
    const send = () => {
      if (answered) return;
      if (req.chunked) for (let i = 0; i < buf.length; i += 16_384) r.write(buf.subarray(i, i + 16_384));
      else r.write(buf);
      r.end();
    };
    if (buf.length <= 16_384) return send();
    r.flushHeaders();
    setTimeout(send, 300);
  });
}

/** Bytes on the wire, for what http.request cannot send (absolute-form targets, two Host headers). */
export function rawWire(port: number, text: string): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    // Written, not ended: the requests say Connection: close, and the server closes when it has answered.
    const socket = net.connect(port, "127.0.0.1", () => socket.write(text.replace(/\n/g, "\r\n")));
    let out = "";
    socket.on("data", (d: Buffer) => (out += d.toString("utf8")));
    socket.on("error", reject);
    socket.on("close", () => {
      const i = out.indexOf("\r\n\r\n");
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(out)?.[1] ?? 0),
        head: out.slice(0, i),
        body: out.slice(i + 4),
      });
    });
  });
}

/** The error body every BFF failure carries. */
export function errorOf(res: RawResponse): { code: string; message: string; fields?: Record<string, string[]> } {
  return (JSON.parse(res.body) as { error: { code: string; message: string; fields?: Record<string, string[]> } })
    .error;
}

/** A JSON mutation exactly as the dashboard's own page sends it; `headers` override or remove (""). */
export function sameOriginJson(
  port: number,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): RawRequest {
  const base: Record<string, string> = {
    "Content-Type": "application/json",
    Origin: `http://127.0.0.1:${port}`,
    "Sec-Fetch-Site": "same-origin",
    ...headers,
  };
  for (const [k, v] of Object.entries(base)) if (v === "") delete base[k];
  return {
    method,
    path,
    headers: base,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  };
}

/** An address of this machine that is not loopback (connecting to it stays on this machine). */
export function ownNonLoopbackAddress(): string {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  throw new Error(
    "This machine has no non-loopback IPv4 address; the remote-client tests need one (see e2e/auth.spec.ts)",
  );
}

/** A one-page web server on another port and name: the attacker's site. */
export async function startEvilSite(
  html: (dashboardUrl: string) => string,
  dashboardUrl: string,
): Promise<{ url: string; hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html(dashboardUrl));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  // "localhost" and "127.0.0.1" are different sites, so the browser treats this as cross-site.
  return { url: `http://localhost:${port}/`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

/** What every response must carry, whatever its kind. */
export function expectSecurityHeaders(
  what: string,
  headers: Record<string, string | string[] | undefined>,
  api: boolean,
): void {
  const get = (k: string) => {
    const v = headers[k];
    return Array.isArray(v) ? v.join(", ") : (v ?? "");
  };
  const csp = get("content-security-policy");
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).toMatch(/default-src '(self|none)'/);
  const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
  expect(scriptSrc, `${what}: no inline scripts without a nonce`).not.toContain("'unsafe-inline'");
  expect(scriptSrc, `${what}: no eval in production`).not.toContain("'unsafe-eval'");
  expect(get("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(get("referrer-policy"), `${what}: Referrer-Policy`).toBe("no-referrer");
  expect(get("cross-origin-resource-policy"), `${what}: CORP`).toBe("same-origin");
  if (api) expect(get("cache-control"), `${what}: Cache-Control`).toContain("no-store");
}

export type CspViolation = { directive: string; blocked: string };

/**
 * Records the page's CSP violations (the securitypolicyviolation event, from before any script of
 * the page runs) and Chromium's console reports of them; call before the first navigation.
 */
export async function watchCsp(page: Page): Promise<{ violations: () => Promise<CspViolation[]>; console: string[] }> {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: CspViolation[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__violations.push({ directive: e.violatedDirective, blocked: e.blockedURI }),
    );
  });
  const reports: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) reports.push(m.text());
  });
  return {
    violations: () => page.evaluate(() => (window as unknown as { __violations: CspViolation[] }).__violations),
    console: reports,
  };
}
