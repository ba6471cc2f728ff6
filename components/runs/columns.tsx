import Link from "next/link";
import type { Run } from "@/lib/agent-api/runs";
import { runPercent, statusGroup } from "@/lib/agent-api/status-groups";
import { formatEta, formatFraction, formatNumber, formatSizeFraction, formatSpeed } from "@/lib/format";
import { ProgressBar } from "@/components/ui/progress-bar";
import { RelativeTime } from "@/components/ui/relative-time";
import { Badge } from "@/components/ui/badge";
import { GROUP_TONE, StatusBadge } from "./status-badge";

/**
 * The runs table's columns, described once and used by the table (sorting, headers), the rows and
 * the mobile cards. `sortValue` feeds TanStack Table; `render` draws the cell.
 */
export type RunColumn = {
  id: string;
  header: string;
  /** Tailwind width class for the <col>, so virtualised rows never change column widths ("" = takes the rest). */
  width: string;
  align?: "right";
  sortValue: (r: Run) => string | number | undefined;
  render: (r: Run, agentId: string) => React.ReactNode;
  /** Columns that cannot be hidden. */
  fixed?: boolean;
};

export const runHref = (agentId: string, run: Pick<Run, "run_id">) =>
  `/agents/${encodeURIComponent(agentId)}/runs/${encodeURIComponent(String(run.run_id))}`;

const num = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? undefined : v);

export const RUN_COLUMNS: RunColumn[] = [
  {
    id: "name",
    header: "Name",
    width: "",
    fixed: true,
    sortValue: (r) => r.name,
    render: (r, agentId) => (
      <div className="min-w-0">
        <Link
          prefetch={false}
          href={runHref(agentId, r)}
          className="block truncate font-medium text-sky-700 hover:underline dark:text-sky-400"
          title={r.name}
        >
          {r.name || `Run ${r.run_id}`}
        </Link>
        {r.path && (
          <div className="truncate text-xs text-zinc-500 dark:text-zinc-400" title={r.path}>
            {r.path}
          </div>
        )}
      </div>
    ),
  },
  {
    id: "type",
    header: "Type",
    width: "w-[72px]",
    sortValue: (r) => r.type,
    render: (r) => <span className="truncate">{r.type}</span>,
  },
  {
    id: "status",
    header: "Status",
    // Wide enough that the longest statuses take two lines at most (e2e/run-status-fits.spec.ts).
    width: "w-[168px]",
    sortValue: (r) => r.status,
    render: (r) => <StatusBadge status={r.status} />,
  },
  {
    id: "progress",
    header: "Progress",
    width: "w-[136px]",
    sortValue: (r) => runPercent(r),
    render: (r) => (
      <ProgressBar value={runPercent(r)} label={`Progress of ${r.name}`} tone={GROUP_TONE[statusGroup(r.status)]} />
    ),
  },
  {
    id: "size",
    header: "Size",
    width: "w-[144px]",
    align: "right",
    sortValue: (r) => num(r.size_total),
    render: (r) => formatSizeFraction(r.size_completed, r.size_total),
  },
  {
    id: "files",
    header: "Files",
    width: "w-[150px]",
    align: "right",
    sortValue: (r) => num(r.files_total),
    render: (r) => formatFraction(r.files_completed, r.files_total),
  },
  {
    id: "down",
    header: "Down",
    width: "w-[88px]",
    align: "right",
    sortValue: (r) => num(r.down_speed),
    render: (r) => formatSpeed(r.down_speed),
  },
  {
    id: "up",
    header: "Up",
    width: "w-[88px]",
    align: "right",
    sortValue: (r) => num(r.up_speed),
    render: (r) => formatSpeed(r.up_speed),
  },
  // No estimate (0) sorts with the unknowns, after every real ETA.
  {
    id: "eta",
    header: "ETA",
    width: "w-[72px]",
    align: "right",
    sortValue: (r) => (r.eta && r.eta > 0 ? r.eta : undefined),
    render: (r) => formatEta(r.eta),
  },
  {
    id: "peers",
    header: "Peers",
    width: "w-[64px]",
    align: "right",
    sortValue: (r) => num(r.peers_count),
    render: (r) => (
      <span title={`${r.peers_count ?? 0} peers, ${r.peers_count_proxied ?? 0} through a proxy`}>
        {formatNumber(r.peers_count)}
        {r.peers_count_proxied ? (
          <span className="text-zinc-500 dark:text-zinc-400"> (+{formatNumber(r.peers_count_proxied)})</span>
        ) : null}
      </span>
    ),
  },
  {
    id: "permission",
    header: "Permission",
    width: "w-[84px]",
    sortValue: (r) => r.permission,
    render: (r) => r.permission ?? "—",
  },
  {
    id: "lastSynced",
    header: "Last synced",
    width: "w-[100px]",
    sortValue: (r) => (r.last_synced ? r.last_synced : undefined),
    render: (r) => <RelativeTime ms={r.last_synced ? r.last_synced * 1000 : undefined} step={5000} />,
  },
  {
    id: "errors",
    header: "Errors",
    width: "w-[64px]",
    align: "right",
    sortValue: (r) => r.errors?.length ?? 0,
    render: (r) => {
      const n = r.errors?.length ?? 0;
      return n > 0 ? (
        <Badge tone="red">{formatNumber(n)}</Badge>
      ) : (
        <span className="text-zinc-500 dark:text-zinc-400">0</span>
      );
    },
  },
];

export const COLUMN_BY_ID = new Map(RUN_COLUMNS.map((c) => [c.id, c]));
export const SORTABLE_IDS: readonly string[] = RUN_COLUMNS.map((c) => c.id);
