"use client";

import { useCallback } from "react";
import { parseRunsView, writeRunsView, type RunsView } from "./runs-view";
import { useUrlView } from "./use-url-view";

/** The runs table's URL-backed view (search, filters, sort). */
export function useRunsView(sortable: readonly string[]): [RunsView, (patch: Partial<RunsView>) => void] {
  const parse = useCallback((params: URLSearchParams) => parseRunsView(params, sortable), [sortable]);
  return useUrlView(parse, writeRunsView);
}
