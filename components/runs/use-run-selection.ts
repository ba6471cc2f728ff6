"use client";

import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { Run } from "@/lib/agent-api/runs";
import { runPercent } from "@/lib/agent-api/status-groups";
import { useShortcut } from "@/components/keyboard/keyboard-shortcuts";
import { runHref } from "./columns";

type Selection = { id: number; seq: number; said: string };

/**
 * The run chosen with the keyboard: j / k move through the runs as shown (filtered and sorted), Enter
 * opens the chosen one, Esc lets go. It follows the run by id, so a re-sort keeps it on the same run.
 * `seq` changes at every move, so the list can bring the run into view then, and only then; `said`
 * is what the list tells a screen reader, once per move (not at every poll of a moving run).
 */
export function useRunSelection(runs: readonly Run[], agentId: string) {
  const [selection, setSelection] = useState<Selection | null>(null);
  const router = useRouter();
  const index = useMemo(() => (selection ? runs.findIndex((r) => r.run_id === selection.id) : -1), [runs, selection]);

  const move = (step: 1 | -1) => {
    if (runs.length === 0) return false;
    const next = index < 0 ? (step > 0 ? 0 : runs.length - 1) : Math.min(runs.length - 1, Math.max(0, index + step));
    const run = runs[next]!;
    const said = `Run ${next + 1} of ${runs.length}: ${run.name || `Run ${run.run_id}`}, ${run.status}, ${Math.floor(runPercent(run))}%. Enter opens it.`;
    setSelection((s) => ({ id: run.run_id, seq: (s?.seq ?? 0) + 1, said }));
    return true;
  };

  useShortcut("j", () => move(1));
  useShortcut("k", () => move(-1));
  useShortcut("Enter", () => {
    const run = runs[index];
    if (!run) return false;
    router.push(runHref(agentId, run));
    return true;
  });
  useShortcut("Escape", () => {
    if (!selection) return false;
    setSelection(null);
    return true;
  });

  return {
    selectedId: index >= 0 ? (selection?.id ?? null) : null,
    index,
    seq: selection?.seq ?? 0,
    said: selection?.said ?? "",
  };
}
