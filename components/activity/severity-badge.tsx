import type { Severity } from "@/lib/bff/contract-store";
import { Badge, type Tone } from "@/components/ui/badge";

/**
 * Severity in words and colour: the words carry the meaning (colour alone is not enough), the
 * badge tones are the dashboard's own, with text at 4.5:1 or better on their fill in both themes.
 */
const TONE: Record<Severity, Tone> = { info: "neutral", warning: "amber", error: "red" };
export const SEVERITY_LABEL: Record<Severity, string> = { info: "Info", warning: "Warning", error: "Error" };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge tone={TONE[severity]} className="w-16 justify-center">
      {SEVERITY_LABEL[severity]}
    </Badge>
  );
}
