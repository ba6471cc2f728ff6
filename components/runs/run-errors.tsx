/**
 * A run's `errors`, whose element shape the vendor does not document: strings render as text,
 * objects as "key: value" lines, anything else as JSON. Always text, never HTML.
 */
function valueText(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "—";
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

function ErrorItem({ error }: { error: unknown }) {
  if (error !== null && typeof error === "object" && !Array.isArray(error)) {
    const entries = Object.entries(error as Record<string, unknown>);
    if (entries.length === 0) return <span className="text-zinc-500">(empty error object)</span>;
    return (
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        {entries.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-mono text-xs text-red-900/70 dark:text-red-200/70">{k}:</dt>
            <dd className="text-sm break-words whitespace-pre-wrap">{valueText(v)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <span className="break-words whitespace-pre-wrap">{valueText(error)}</span>;
}

export function RunErrors({ errors }: { errors: unknown[] | undefined }) {
  if (!errors || errors.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No errors reported.</p>;
  return (
    <ol className="space-y-2">
      {errors.map((e, i) => (
        <li key={i} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200">
          <ErrorItem error={e} />
        </li>
      ))}
    </ol>
  );
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

export { valueText };
