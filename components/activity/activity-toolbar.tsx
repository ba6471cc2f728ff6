"use client";

import { SEVERITIES } from "@/lib/bff/contract-store";
import { isFiltered, type ActivityView } from "@/lib/client/activity-view";
import { Button } from "@/components/ui/button";
import { KIND_GROUPS, KIND_LABEL } from "./kinds";

const field =
  "h-9 rounded-md border border-zinc-300 bg-white px-2.5 text-sm focus:border-sky-500 focus:outline-2 focus:outline-sky-500/40 dark:border-zinc-700 dark:bg-zinc-900";

const SEVERITY_CHOICES: { value: string; label: string }[] = [
  { value: "", label: "All severities" },
  { value: "warning,error", label: "Warnings and errors" },
  { value: "error", label: "Errors" },
  { value: "warning", label: "Warnings" },
  { value: "info", label: "Info" },
];

type Props = {
  q: string;
  onQ: (q: string) => void;
  view: ActivityView;
  onView: (patch: Partial<ActivityView>) => void;
  /** The agent's runs to choose from (the agent's page only; the fleet page has no run filter). */
  runs?: { id: string; name: string }[];
};

/** Search and filters of the activity page; every choice is written to the URL. */
export function ActivityToolbar({ q, onQ, view, onView, runs }: Props) {
  const kind = view.kind.join(",");
  const severity = view.severity.join(",");
  return (
    <div className="flex flex-wrap items-center gap-2">
      <input
        type="search"
        aria-label="Search events"
        placeholder="Search messages, runs…"
        value={q}
        onChange={(e) => onQ(e.target.value)}
        className={`${field} w-full sm:w-64`}
      />
      <select
        aria-label="Kind"
        value={kind}
        onChange={(e) => onView({ kind: e.target.value ? (e.target.value.split(",") as ActivityView["kind"]) : [] })}
        className={field}
      >
        <option value="">All kinds</option>
        {/* A bookmark may ask for several kinds at once: it keeps its own option. */}
        {view.kind.length > 1 && <option value={kind}>{`${view.kind.length} kinds`}</option>}
        {KIND_GROUPS.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.kinds.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <select
        aria-label="Severity"
        value={severity}
        onChange={(e) =>
          onView({ severity: e.target.value ? (e.target.value.split(",") as ActivityView["severity"]) : [] })
        }
        className={field}
      >
        {SEVERITY_CHOICES.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
        {!SEVERITY_CHOICES.some((c) => c.value === severity) && (
          <option value={severity}>{view.severity.filter((s) => SEVERITIES.includes(s)).join(" and ")}</option>
        )}
      </select>
      {runs && (
        <select
          aria-label="Run"
          value={view.runId}
          onChange={(e) => onView({ runId: e.target.value })}
          className={`${field} max-w-64`}
        >
          <option value="">All runs</option>
          {view.runId && !runs.some((r) => r.id === view.runId) && (
            <option value={view.runId}>{`Run ${view.runId}`}</option>
          )}
          {runs.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name || `Run ${r.id}`}
            </option>
          ))}
        </select>
      )}
      {(isFiltered(view) || q) && (
        <Button
          variant="ghost"
          onClick={() => {
            onQ("");
            onView({ kind: [], severity: [], runId: "", q: "" });
          }}
        >
          Clear filters
        </Button>
      )}
    </div>
  );
}
