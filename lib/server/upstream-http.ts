import "server-only";
import http from "node:http";
import https from "node:https";
import { gunzipSync } from "node:zlib";
import { AppError } from "./errors";
import { overBudget, upstreamBudget, type Grant } from "./upstream-budget";

/**
 * One HTTP exchange with an agent, on node:http rather than fetch: Next patches the global fetch
 * (caching, deduplication) and undici refuses some ports; here we control the socket, the deadline
 * and the body size ourselves. Every failure becomes an AppError whose message is safe to show.
 */
export const MAX_UPSTREAM_BODY_BYTES = 32 * 1024 * 1024;

export type UpstreamRequest = {
  method: "GET" | "PATCH";
  url: URL;
  body?: string;
  timeoutMs: number;
  maxBytes?: number;
  /** Who answers: an agent (the default) or another Agent Deck; it names the errors (agent_… or deck_…). */
  peer?: Peer;
  /** Extra request headers (a deck's Authorization, Origin, Accept-Encoding). */
  headers?: Record<string, string>;
  /** PEM certificates to trust for https (a deck with a private certificate). */
  ca?: string;
};

export type Peer = "agent" | "deck";

export type UpstreamResponse = {
  status: number;
  contentType: string;
  body: Buffer;
  /** The answer's headers (a deck's WWW-Authenticate says why it refused). */
  headers?: http.IncomingHttpHeaders;
};

const REASONS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused; is the agent running with its API enabled?",
  ECONNRESET: "the connection was closed before an answer arrived",
  EPIPE: "the connection was closed before an answer arrived",
  ENOTFOUND: "its host name could not be resolved",
  EAI_AGAIN: "its host name could not be resolved",
  EHOSTUNREACH: "its host cannot be reached",
  ENETUNREACH: "its network cannot be reached",
  EADDRNOTAVAIL: "its address is not available",
};

const DECK_REASONS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused; is that dashboard running?",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is not trusted (give its certificate as ca in AGENTS_FILE)",
  SELF_SIGNED_CERT_IN_CHAIN: "its TLS certificate is not trusted (give its CA as ca in AGENTS_FILE)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "its TLS certificate is not trusted (give its CA as ca in AGENTS_FILE)",
  ERR_TLS_CERT_ALTNAME_INVALID: "its TLS certificate is for another name",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
};

/** The words of a failure, by who failed to answer: the agent, or another Agent Deck (a hub's source). */
const WORDS = {
  agent: { who: "the agent", Who: "The agent" },
  deck: { who: "the Agent Deck that watches this agent", Who: "The Agent Deck that watches this agent" },
} as const;

function unreachable(err: NodeJS.ErrnoException, peer: Peer): AppError {
  const reason =
    (err.code && ((peer === "deck" && DECK_REASONS[err.code]) || REASONS[err.code])) ?? "the connection failed";
  return new AppError(`${peer}_unreachable`, `Cannot reach ${WORDS[peer].who}: ${reason}`);
}

function cutOff(peer: Peer): AppError {
  return new AppError(`${peer}_bad_response`, `${WORDS[peer].Who}'s answer was cut off before it was complete`);
}

/**
 * A kept-alive connection the agent closed while it sat idle (it restarted, or went away) fails the
 * next request sent on it before the agent could have read it. For a GET that says nothing about the
 * agent now, so it is asked again once on a new connection, which tells the truth (refused, or an
 * answer). A PATCH is not repeated: the user's change must never be sent twice.
 */
class StaleConnection extends Error {}

export async function upstreamRequest(req: UpstreamRequest): Promise<UpstreamResponse> {
  const deadline = Date.now() + req.timeoutMs;
  // The shared budget (upstream-budget.ts): a slot first, then bytes as the answer arrives.
  const grant = await upstreamBudget().acquire(req.timeoutMs);
  try {
    return await exchange(req, grant, Math.max(1, deadline - Date.now()), req.method === "GET");
  } catch (err) {
    if (!(err instanceof StaleConnection)) throw err;
    return await exchange(req, grant, Math.max(1, deadline - Date.now()), false);
  } finally {
    grant.release();
  }
}

function exchange(
  req: UpstreamRequest,
  grant: Grant,
  timeoutMs: number,
  mayBeStale: boolean,
): Promise<UpstreamResponse> {
  const maxBytes = req.maxBytes ?? MAX_UPSTREAM_BODY_BYTES;
  const peer = req.peer ?? "agent";
  const lib = req.url.protocol === "https:" ? https : http;
  return new Promise<UpstreamResponse>((resolve, reject) => {
    let settled = false;
    let answered = false;
    /** The body read so far; emptied the moment the exchange fails, so nothing keeps a cut-off answer alive. */
    let chunks: Buffer[] = [];
    const finish = (err: Error | undefined, value?: UpstreamResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        // Tear the exchange down so a hung or oversized answer stops consuming memory and a socket.
        chunks = [];
        request.destroy();
        reject(err);
      } else if (value) resolve(value);
    };

    const headers: Record<string, string> = { Accept: "application/json", ...req.headers };
    if (req.body !== undefined) {
      headers["Content-Type"] = "application/json";
      headers["Content-Length"] = String(Buffer.byteLength(req.body));
    }
    const request = lib.request(req.url, { method: req.method, headers, ...(req.ca ? { ca: req.ca } : {}) });
    // The deadline covers connecting, waiting and reading the whole body: a slow drip also times out.
    const timer = setTimeout(
      () => finish(new AppError(`${peer}_timeout`, `${WORDS[peer].Who} did not answer within ${req.timeoutMs} ms`)),
      timeoutMs,
    );

    request.on("error", (err: NodeJS.ErrnoException) => {
      const closedWhileIdle = !answered && request.reusedSocket && (err.code === "ECONNRESET" || err.code === "EPIPE");
      if (closedWhileIdle && mayBeStale) return finish(new StaleConnection());
      finish(answered ? cutOff(peer) : unreachable(err, peer));
    });
    request.on("response", (res) => {
      answered = true;
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBytes) {
        finish(tooLarge(maxBytes, peer));
        return;
      }
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (size > maxBytes) finish(tooLarge(maxBytes, peer));
        else if (!grant.take(chunk.length)) finish(overBudget());
        else chunks.push(chunk);
      });
      res.on("error", () => finish(cutOff(peer)));
      res.on("aborted", () => finish(cutOff(peer)));
      res.on("end", () => {
        if (!res.complete) {
          finish(cutOff(peer));
          return;
        }
        let body = Buffer.concat(chunks);
        if (res.headers["content-encoding"] === "gzip") {
          try {
            // What it unpacks to is bounded like any answer.
            body = gunzipSync(body, { maxOutputLength: maxBytes });
          } catch {
            finish(
              new AppError(`${peer}_bad_response`, `${WORDS[peer].Who} sent a compressed answer that cannot be read`),
            );
            return;
          }
        }
        finish(undefined, {
          status: res.statusCode ?? 0,
          contentType: String(res.headers["content-type"] ?? ""),
          body,
          headers: res.headers,
        });
      });
    });
    request.end(req.body);
  });
}

function tooLarge(maxBytes: number, peer: Peer): AppError {
  return new AppError(
    `${peer}_bad_response`,
    `${WORDS[peer].Who}'s answer is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; the dashboard stopped reading it`,
  );
}
