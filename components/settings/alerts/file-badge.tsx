import { Badge } from "@/components/ui/badge";

/** An entry from ALERTS_FILE: shown, not editable here (change the file and restart). */
export function FileBadge() {
  return (
    <span title="Defined in ALERTS_FILE: change it in that file and restart the dashboard">
      <Badge tone="violet">From ALERTS_FILE · read-only</Badge>
    </span>
  );
}
