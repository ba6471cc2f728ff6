import { valueText } from "@/lib/format/error-text";

/**
 * A run's `errors`, whose element shape the vendor does not document: strings render as text,
 * objects as "key: value" lines, anything else as JSON. Always text, never HTML.
 */
function ErrorItem({ error }: { error: unknown }) {
  if (error !== null && typeof error === "object" && !Array.isArray(error)) {
    const entries = Object.entries(error as Record<string, unknown>);
    if (entries.length === 0) return <span className="text-zinc-500 dark:text-zinc-400">(empty error object)</span>;
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
  if (!errors || errors.length === 0)
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">No errors reported.</p>;
  return (
    <ol className="space-y-2">
      {errors.map((e, i) => (
        <li
          key={i}
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
        >
          <ErrorItem error={e} />
        </li>
      ))}
    </ol>
  );
}
