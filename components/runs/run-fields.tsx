import type { Run } from "@/lib/agent-api/runs";
import { formatBytes, formatDateTime, formatEta, formatNumber, formatSpeed } from "@/lib/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { valueText } from "@/lib/format/error-text";

type Field = { label: string; show: (v: unknown, run: Run) => React.ReactNode };

const n = (v: unknown) => (typeof v === "number" ? v : undefined);
const bytes = (label: string): Field => ({
  label,
  show: (v) => (
    <>
      {formatBytes(n(v))} <span className="text-zinc-500 dark:text-zinc-400">({formatNumber(n(v))} bytes)</span>
    </>
  ),
});
const speed = (label: string): Field => ({ label, show: (v) => formatSpeed(n(v)) });
const count = (label: string): Field => ({ label, show: (v) => formatNumber(n(v)) });

/** Labels and formats for the documented fields; anything else the agent sends is shown as-is. */
const KNOWN: Record<string, Field> = {
  name: { label: "Name", show: (v) => valueText(v) },
  path: { label: "Path", show: (v) => <span className="font-mono text-xs break-all">{valueText(v)}</span> },
  type: { label: "Type", show: (v) => valueText(v) },
  status: { label: "Status", show: (v) => valueText(v) },
  run_id: { label: "Run ID", show: (v) => valueText(v) },
  id: { label: "Job ID", show: (v) => valueText(v) },
  permission: { label: "Permission", show: (v) => valueText(v) },
  size_completed: bytes("Size completed"),
  size_total: bytes("Size total"),
  files_completed: count("Files completed"),
  files_total: count("Files total"),
  down_speed: speed("Download speed"),
  up_speed: speed("Upload speed"),
  transferred_down: bytes("Downloaded"),
  transferred_up: bytes("Uploaded"),
  eta: { label: "ETA", show: (v) => formatEta(n(v)) },
  peers_count: count("Peers"),
  peers_count_proxied: count("Peers through a proxy"),
  last_synced: {
    label: "Last synced",
    show: (v) => {
      const s = n(v);
      return s ? (
        <>
          {formatDateTime(s * 1000)} (<RelativeTime ms={s * 1000} />)
        </>
      ) : (
        "never"
      );
    },
  },
  errors: {
    label: "Errors",
    show: (v) => (Array.isArray(v) ? `${formatNumber(v.length)} (listed below)` : valueText(v)),
  },
};

/** Every field of the run, documented ones first, then whatever extra fields this agent sends. */
export function RunFields({ run }: { run: Run }) {
  const entries = Object.entries(run);
  const known = Object.keys(KNOWN).filter((k) => k in run);
  const extra = entries.filter(([k]) => !(k in KNOWN)).sort(([a], [b]) => a.localeCompare(b));
  return (
    <dl className="grid grid-cols-1 gap-x-6 sm:grid-cols-2 xl:grid-cols-3">
      {known.map((k) => (
        <div key={k} className="flex min-w-0 flex-col border-b border-zinc-100 py-2 dark:border-zinc-800">
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">
            {KNOWN[k]!.label} <span className="font-mono text-[11px]">{k}</span>
          </dt>
          <dd className="mt-0.5 text-sm tabular-nums">{KNOWN[k]!.show((run as Record<string, unknown>)[k], run)}</dd>
        </div>
      ))}
      {extra.map(([k, v]) => (
        <div key={k} className="flex min-w-0 flex-col border-b border-zinc-100 py-2 dark:border-zinc-800">
          <dt className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{k}</dt>
          <dd className="mt-0.5 text-sm break-words whitespace-pre-wrap">{valueText(v)}</dd>
        </div>
      ))}
    </dl>
  );
}
