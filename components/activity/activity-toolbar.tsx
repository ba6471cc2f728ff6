"use client";

import { SEVERITIES } from "@/lib/bff/contract-store";
import { isFiltered, type ActivityView } from "@/lib/client/activity-view";
import { Button } from "@/components/ui/button";
import { FIELD_CLASS } from "@/components/ui/field-class";
import { SearchField } from "@/components/ui/search-field";
import { KIND_GROUPS, KIND_LABEL } from "./kinds";

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
      <SearchField
        label="Search events"
        placeholder="Search messages, runs…"
        value={q}
        onChange={onQ}
        className="w-full sm:w-64"
      />
      <select
        aria-label="Kind"
        value={kind}
        onChange={(e) => onView({ kind: e.target.value ? (e.target.value.split(",") as ActivityView["kind"]) : [] })}
        className={FIELD_CLASS}
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
        className={FIELD_CLASS}
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
          className={`${FIELD_CLASS} max-w-64`}
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
