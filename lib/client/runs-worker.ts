import type { Run } from "@/lib/agent-api/runs";
import { apiGet, isApiError, NETWORK_ERROR } from "./api";
import { readRuns } from "./decode";
import type { RunsReply, RunsRequest } from "./runs-protocol";
import { matchRuns } from "./share-runs";

/**
 * Fetches and reads the runs list off the page's main thread. At 5,000 runs a poll brings about
 * 2 MB of JSON; receiving, decoding and parsing it took most of a poll's main-thread time, and the
 * page needs only the runs that changed. Requests for one path are answered in order, so the page
 * and the worker always agree on which list a reply is based on.
 */
type WorkerScope = {
  addEventListener(type: "message", listener: (event: MessageEvent<RunsRequest>) => void): void;
  postMessage(message: RunsReply | "ready", transfer?: Transferable[]): void;
};
const scope = self as unknown as WorkerScope;
const sent = new Map<string, { version: number; runs: Run[] }>();
const queues = new Map<string, Promise<void>>();
let versions = 0;

scope.addEventListener("message", (event: MessageEvent<RunsRequest>) => {
  const request = event.data;
  const queued = (queues.get(request.path) ?? Promise.resolve()).then(() => answer(request));
  queues.set(request.path, queued);
});

scope.postMessage("ready");

async function answer({ seq, path, have }: RunsRequest): Promise<void> {
  let reply: RunsReply;
  try {
    const runs = readRuns(await apiGet(path));
    const last = sent.get(path);
    const base = last && last.version === have ? last : undefined;
    const keep = base ? matchRuns(base.runs, runs) : new Int32Array(runs.length).fill(-1);
    const version = ++versions;
    sent.set(path, { version, runs });
    reply = { seq, ok: true, version, base: base?.version ?? 0, keep, fresh: runs.filter((_, i) => keep[i]! < 0) };
    scope.postMessage(reply, [keep.buffer]);
    return;
  } catch (err) {
    const error = isApiError(err)
      ? { status: err.status, code: err.code, message: err.message, fields: err.fields }
      : { status: 0, code: NETWORK_ERROR, message: "The dashboard server could not be reached." };
    reply = { seq, ok: false, error };
  }
  scope.postMessage(reply);
}
