import { statusGroup, type StatusGroup } from "@/lib/agent-api/status-groups";
import { Badge, type Tone } from "@/components/ui/badge";

export const GROUP_TONE: Record<StatusGroup, Tone> = {
  error: "red",
  active: "blue",
  paused: "amber",
  done: "green",
  idle: "neutral",
};

export const GROUP_LABEL: Record<StatusGroup, string> = {
  active: "Active",
  done: "Done",
  error: "Error",
  paused: "Paused",
  idle: "Idle",
};

/**
 * The agent's own status words, coloured by group; unknown statuses land in the neutral group.
 * They wrap rather than truncate: "mounting selective sync volume" cut to "mounting sel…" says
 * nothing, and two lines fit a runs-table row. The title repeats it for a pointer's hover.
 */
export function StatusBadge({ status }: { status: string }) {
  const text = status || "unknown";
  return (
    <Badge tone={GROUP_TONE[statusGroup(status)]} wrap title={text}>
      {text}
    </Badge>
  );
}
