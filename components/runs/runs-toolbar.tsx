"use client";

import { STATUS_GROUPS } from "@/lib/agent-api/status-groups";
import type { RunsView } from "@/lib/client/runs-view";
import { Button } from "@/components/ui/button";
import { FIELD_CLASS } from "@/components/ui/field-class";
import { SearchField } from "@/components/ui/search-field";
import { GROUP_LABEL } from "./status-badge";
import { ColumnPicker } from "./column-picker";

type Props = {
  q: string;
  onQ: (q: string) => void;
  view: RunsView;
  onView: (patch: Partial<RunsView>) => void;
  types: string[];
  hidden: readonly string[];
  onHidden: (hidden: string[]) => void;
  showColumns: boolean;
  shown: number;
  total: number;
  /** The runs list as a CSV file (every run, every column, as the agent reports them). */
  csvHref: string;
};

/** Search, filters and column choice for the runs list. Search and filters live in the URL. */
export function RunsToolbar({
  q,
  onQ,
  view,
  onView,
  types,
  hidden,
  onHidden,
  showColumns,
  shown,
  total,
  csvHref,
}: Props) {
  const filtered = Boolean(q || view.status || view.type);
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2">
      <SearchField
        label="Search runs"
        placeholder="Search name or path…"
        value={q}
        onChange={onQ}
        className="w-full sm:w-64"
      />
      <select
        aria-label="Status"
        value={view.status}
        onChange={(e) => onView({ status: e.target.value as RunsView["status"] })}
        className={FIELD_CLASS}
      >
        <option value="">All statuses</option>
        {STATUS_GROUPS.map((g) => (
          <option key={g} value={g}>
            {GROUP_LABEL[g]}
          </option>
        ))}
      </select>
      <select
        aria-label="Type"
        value={view.type}
        onChange={(e) => onView({ type: e.target.value })}
        className={FIELD_CLASS}
      >
        <option value="">All types</option>
        {types.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      {filtered && (
        <Button
          variant="ghost"
          onClick={() => {
            onQ("");
            onView({ status: "", type: "" });
          }}
        >
          Clear filters
        </Button>
      )}
      <p className="ml-auto text-xs text-zinc-500 tabular-nums dark:text-zinc-400" aria-live="polite">
        {shown === total
          ? `${total.toLocaleString()} runs`
          : `${shown.toLocaleString()} of ${total.toLocaleString()} runs`}
      </p>
      <a href={csvHref} download className="text-xs font-medium text-sky-700 hover:underline dark:text-sky-400">
        Export CSV
      </a>
      {showColumns && <ColumnPicker hidden={hidden} onChange={onHidden} />}
    </div>
  );
}
