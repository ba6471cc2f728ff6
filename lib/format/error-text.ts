/**
 * A run's `errors` items as text: the vendor does not document their shape, so strings stay as they
 * are, objects give their message (with code) or their "key: value" pairs, anything else its JSON.
 * Shared by the run page, the event log and the CSV export, so an error reads the same everywhere.
 */
export function valueText(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "—";
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

const MESSAGE_KEYS = ["message", "msg", "text", "description", "error", "reason"];

/** One line for an error of any shape: its message (with code) when it has one, else "k: v" pairs. */
export function errorSummary(e: unknown): string {
  if (e === null || typeof e !== "object" || Array.isArray(e)) return valueText(e);
  const o = e as Record<string, unknown>;
  const key = MESSAGE_KEYS.find((k) => typeof o[k] === "string");
  if (key) return o.code !== undefined ? `${valueText(o.code)}: ${valueText(o[key])}` : valueText(o[key]);
  return Object.entries(o)
    .map(([k, v]) => `${k}: ${valueText(v)}`)
    .join(", ");
}
