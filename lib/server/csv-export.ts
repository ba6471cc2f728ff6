import "server-only";
import type { Run } from "@/lib/agent-api/runs";
import { runPercent } from "@/lib/agent-api/status-groups";
import type { StoredEvent } from "@/lib/bff/contract-store";
import { csvRow } from "@/lib/format/csv";
import { errorSummary } from "@/lib/format/error-text";
import type { EventFilter, EventReader } from "./store/events-read";

/**
 * The CSV exports: the event log and the current runs list of one agent. Times are ISO 8601 in UTC
 * (what every spreadsheet and script parses), sizes in bytes and speeds in bytes per second as the
 * agent reports them. The file starts with a UTF-8 byte-order mark: without it Excel reads UTF-8 as
 * the machine's legacy code page and mangles every non-ASCII name.
 */
const BOM = "\uFEFF";
/** Rows read per step of the events export: the store is free for the collector's writes in between. */
const EXPORT_PAGE = 1000;

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

const EVENT_HEADER = [
  "id",
  "time",
  "last_time",
  "count",
  "agent",
  "kind",
  "severity",
  "run_id",
  "run_name",
  "message",
  "from",
  "to",
  "actor",
];

function eventRow(e: StoredEvent): string {
  return csvRow([
    e.id,
    iso(e.t),
    iso(e.lastT),
    e.count,
    e.agent,
    e.kind,
    e.severity,
    e.runId,
    e.runName,
    e.message,
    e.from,
    e.to,
    e.actor,
  ]);
}

/** Every event the filter matches, newest first, read page by page as the client takes it. */
export function eventsCsv(reader: EventReader, filter: EventFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before = filter.before;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + csvRow(EVENT_HEADER)));
    },
    pull(controller) {
      if (done) return;
      const page = reader.page({ ...filter, before }, EXPORT_PAGE);
      if (page.events.length > 0) controller.enqueue(encoder.encode(page.events.map(eventRow).join("")));
      if (page.next === undefined) {
        done = true;
        controller.close();
      } else {
        before = page.next;
      }
    },
  });
}

const RUN_HEADER = [
  "run_id",
  "name",
  "type",
  "status",
  "progress_percent",
  "size_completed",
  "size_total",
  "files_completed",
  "files_total",
  "down_speed",
  "up_speed",
  "eta",
  "peers_count",
  "transferred_down",
  "transferred_up",
  "path",
  "errors",
];

export function runsCsv(runs: readonly Run[]): string {
  const lines = [BOM + csvRow(RUN_HEADER)];
  for (const r of runs) {
    lines.push(
      csvRow([
        r.run_id,
        r.name,
        r.type,
        r.status,
        runPercent(r),
        r.size_completed,
        r.size_total,
        r.files_completed,
        r.files_total,
        r.down_speed,
        r.up_speed,
        r.eta,
        r.peers_count,
        r.transferred_down,
        r.transferred_up,
        r.path,
        r.errors?.length ? r.errors.map(errorSummary).join("; ") : undefined,
      ]),
    );
  }
  return lines.join("");
}

/** "local-events-20250301-142500.csv": which agent, what, and when it was taken (UTC). */
export function exportFileName(agentId: string, what: string, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return `${agentId}-${what}-${stamp}.csv`;
}

/** A download: text/csv in UTF-8 with a file name (the agent id is a slug, so the name needs no escaping). */
export function csvResponse(body: string | ReadableStream<Uint8Array>, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
