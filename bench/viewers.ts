import http from "node:http";
import { gunzipSync } from "node:zlib";

/**
 * Simulated viewers over raw HTTP (not fetch, which decompresses and hides what crossed the wire):
 * each counts the compressed bytes it received. A snapshot viewer polls as a page does, with
 * `since=` the version it holds; a list viewer polls GET .../runs as the pages did before the
 * snapshot (lib/client/runs-fetch.ts before a35bc84: `cache: "no-store"`, so no If-None-Match,
 * and the browser's Accept-Encoding).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export type Answer = { status: number; ms: number; wireBytes: number; body: Buffer };

/**
 * Keep-alive sockets the server closed as they were reused: a browser retries such a GET on a new
 * connection without telling the page, so the viewers do too, and the phases report how often.
 */
export const keepAliveRetries = { count: 0 };

export async function getRaw(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  try {
    return await getOnce(url, headers);
  } catch (e) {
    if (!(e instanceof Error && "reused" in e && (e as { code?: string }).code === "ECONNRESET")) throw e;
    keepAliveRetries.count++;
    return getOnce(url, headers);
  }
}

function getOnce(url: string, headers: Record<string, string>): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const body = res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, wireBytes: raw.length, body });
      });
      res.on("error", reject);
    });
    req.on("error", (e) => reject(req.reusedSocket ? Object.assign(e, { reused: true }) : e));
  });
}

const GZIP = { "Accept-Encoding": "gzip", Accept: "application/json" };

/** The version and whether the answer is a delta, without parsing megabytes of a full snapshot. */
export function readVersion(body: Buffer): { version: string; delta: boolean } {
  const head = body.subarray(0, 4096).toString("latin1");
  const version = /"version":"([^"]+)"/.exec(head)?.[1];
  if (!version) throw new Error(`no version in snapshot answer: ${head.slice(0, 200)}`);
  // `base` sits in the envelope before the runs, so it is near the start unless the summary is huge.
  return { version, delta: /"base":"/.test(body.toString("latin1", 0, Math.min(body.length, 65_536))) };
}

export type ViewerTally = {
  polls: number;
  failures: number;
  latencies: number[];
  /** What went wrong, one line each (a status or an error), so a failure in the table can be traced. */
  problems: string[];
  /** The first answer (full) apart: a page opens once, then polls for hours. */
  firstBytes: number;
  steadyBytes: number;
  steadyPolls: number;
  deltas: number;
  fulls: number;
};

const tally = (): ViewerTally => ({
  polls: 0,
  failures: 0,
  latencies: [],
  problems: [],
  firstBytes: 0,
  steadyBytes: 0,
  steadyPolls: 0,
  deltas: 0,
  fulls: 0,
});

function fail(t: ViewerTally, problem: string) {
  t.failures++;
  if (t.problems.length < 5) t.problems.push(problem);
}

function count(t: ViewerTally, a: Answer, kind: "delta" | "full" | "list") {
  t.polls++;
  t.latencies.push(a.ms);
  if (a.status >= 400) fail(t, `HTTP ${a.status}: ${a.body.toString("utf8", 0, 200)}`);
  if (kind === "delta") t.deltas++;
  if (kind === "full") t.fulls++;
  if (t.polls === 1) t.firstBytes = a.wireBytes;
  else {
    t.steadyBytes += a.wireBytes;
    t.steadyPolls++;
  }
}

/** Polls every `intervalMs` (from the start of one poll to the next, as React Query's interval) until `end`. */
async function loop(end: number, intervalMs: number, offsetMs: number, once: () => Promise<void>) {
  await new Promise((r) => setTimeout(r, offsetMs));
  while (Date.now() < end) {
    const started = Date.now();
    await once();
    await new Promise((r) => setTimeout(r, Math.max(0, intervalMs - (Date.now() - started))));
  }
}

export async function snapshotViewers(
  url: string,
  viewers: number,
  intervalMs: number,
  durationMs: number,
): Promise<ViewerTally[]> {
  const end = Date.now() + durationMs;
  return Promise.all(
    Array.from({ length: viewers }, async (_, i) => {
      const t = tally();
      let held: string | undefined;
      await loop(end, intervalMs, (i * intervalMs) / viewers, async () => {
        try {
          const a = await getRaw(held ? `${url}?since=${encodeURIComponent(held)}` : url, GZIP);
          if (a.status !== 200) {
            count(t, a, "full");
            return;
          }
          const v = readVersion(a.body);
          count(t, a, v.delta ? "delta" : "full");
          held = v.version;
        } catch (e) {
          fail(t, String(e));
        }
      });
      return t;
    }),
  );
}

export async function listViewer(url: string, intervalMs: number, durationMs: number): Promise<ViewerTally> {
  const t = tally();
  await loop(Date.now() + durationMs, intervalMs, 0, async () => {
    try {
      count(t, await getRaw(url, GZIP), "list");
    } catch (e) {
      fail(t, String(e));
    }
  });
  return t;
}

export function merged(tallies: ViewerTally[]): ViewerTally {
  const out = tally();
  for (const t of tallies) {
    out.polls += t.polls;
    out.failures += t.failures;
    out.latencies.push(...t.latencies);
    out.problems.push(...t.problems);
    out.firstBytes += t.firstBytes;
    out.steadyBytes += t.steadyBytes;
    out.steadyPolls += t.steadyPolls;
    out.deltas += t.deltas;
    out.fulls += t.fulls;
  }
  return out;
}

/** Each agent's version in a fleet answer (`{"agents":[{"id","name","snapshot":{"version",…}}]}`), by regex: no parse of megabytes. */
export function fleetVersions(body: Buffer): string {
  const text = body.toString("latin1");
  const held: string[] = [];
  for (const m of text.matchAll(/\{"id":"([^"]+)","name":"(?:[^"\\]|\\.)*","snapshot":\{"version":"([^"]+)"/g))
    held.push(`${m[1]}:${m[2]}`);
  return held.join(",");
}

/**
 * A page polling GET /api/snapshot: the overview and the fleet wall ask `?parts=summary` (whole and
 * small every time); with runs (notifications on) it sends `since=` every agent's version it holds.
 */
export async function fleetViewer(
  url: string,
  intervalMs: number,
  durationMs: number,
  parts: "summary" | "runs",
): Promise<ViewerTally> {
  const t = tally();
  let held = "";
  await loop(Date.now() + durationMs, intervalMs, 0, async () => {
    try {
      const query = parts === "summary" ? "?parts=summary" : held ? `?since=${encodeURIComponent(held)}` : "";
      const a = await getRaw(url + query, GZIP);
      count(t, a, held ? "delta" : "full");
      if (a.status === 200 && parts === "runs") held = fleetVersions(a.body);
    } catch (e) {
      fail(t, String(e));
    }
  });
  return t;
}
