import type { Run } from "@/lib/agent-api/runs";
import { ApiError, apiGet } from "./api";
import { readRuns } from "./decode";
import { applyReply, type RunsReply, type RunsRequest } from "./runs-protocol";
import { isIdentity } from "./share-runs";

/**
 * The runs list for React Query, fetched by a Web Worker that sends only what changed (see
 * runs-worker.ts), so a 5,000-run poll costs the page a few milliseconds instead of receiving and
 * parsing 2 MB on the main thread. Until the worker has started (its script loads after the page's)
 * and wherever no worker can start, the page fetches the list itself: first rows never wait for it.
 */
type Pending = { path: string; resolve: (runs: Run[]) => void; reject: (err: unknown) => void };

let worker: Worker | null | undefined;
let workerReady = false;
let seqs = 0;
const pending = new Map<number, Pending>();
/** The last list received per path: what the worker's next reply is based on. */
const received = new Map<string, { version: number; runs: Run[] }>();

export function fetchRuns(path: string, signal?: AbortSignal): Promise<Run[]> {
  const w = runsWorker();
  if (!w || !workerReady) return fetchOnPage(path, signal);
  return new Promise<Run[]>((resolve, reject) => {
    const seq = ++seqs;
    pending.set(seq, { path, resolve, reject });
    // A cancelled query gets its rejection now; the reply still updates `received` when it lands.
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
    send(w, seq, path);
  });
}

async function fetchOnPage(path: string, signal?: AbortSignal): Promise<Run[]> {
  return readRuns(await apiGet(path, signal));
}

function send(w: Worker, seq: number, path: string, have = received.get(path)?.version ?? 0): void {
  const request: RunsRequest = { seq, path, have };
  w.postMessage(request);
}

function runsWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL("./runs-worker.ts", import.meta.url), { type: "module", name: "agent-deck-runs" });
    worker.addEventListener("message", (event: MessageEvent<RunsReply | "ready">) => {
      if (event.data === "ready") workerReady = true;
      else onReply(event.data);
    });
    worker.addEventListener("error", giveUpOnWorker);
  } catch {
    worker = null;
  }
  return worker;
}

function onReply(reply: RunsReply): void {
  const request = pending.get(reply.seq);
  if (!request) return;
  if (!reply.ok) {
    pending.delete(reply.seq);
    const { status, code, message, fields } = reply.error;
    request.reject(new ApiError(status, code, message, fields));
    return;
  }
  const last = received.get(request.path);
  const base = reply.base === 0 ? undefined : last?.version === reply.base ? last.runs : null;
  if (base === null) {
    // Out of step (should not happen: replies come in order): ask again for a whole list.
    if (worker) send(worker, reply.seq, request.path, 0);
    return;
  }
  pending.delete(reply.seq);
  const runs = base && reply.fresh.length === 0 && isIdentity(reply.keep, base.length) ? base : applyReply(reply.keep, reply.fresh, base);
  received.set(request.path, { version: reply.version, runs });
  request.resolve(runs);
}

/** The worker could not start (e.g. its script was blocked): fetch on the page from now on. */
function giveUpOnWorker(): void {
  worker?.terminate();
  worker = null;
  workerReady = false;
  received.clear();
  for (const [seq, request] of pending) {
    pending.delete(seq);
    fetchOnPage(request.path).then(request.resolve, request.reject);
  }
}
