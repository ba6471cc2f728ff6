// The summary moved to lib/domain (one summary for server and browser); this keeps old imports working.
export { summarizeRuns, wallOrder, type RunsSummary } from "@/lib/domain/summary";
