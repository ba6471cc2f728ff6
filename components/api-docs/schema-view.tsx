/*
 * A JSON Schema (2020-12, as the OpenAPI document holds it) as nested lists a person reads:
 * each property with its type, whether it is required and its constraints; named schemas link to
 * their entry under "Schemas". Server-rendered, no script.
 */
export type Json = Record<string, unknown>;

const refName = (ref: string) => ref.replace("#/components/schemas/", "");
export const schemaAnchor = (name: string) => `schema-${name}`;

/** The constraints of a primitive, in brief: `1–255 chars`, `pattern ^\d+$`, `≥ 1`. */
function constraints(s: Json): string[] {
  const out: string[] = [];
  if (s.minLength !== undefined || s.maxLength !== undefined)
    out.push(`${String(s.minLength ?? 0)}–${String(s.maxLength ?? "∞")} characters`);
  if (s.minimum !== undefined) out.push(`≥ ${String(s.minimum)}`);
  if (s.maximum !== undefined && Number(s.maximum) < Number.MAX_SAFE_INTEGER) out.push(`≤ ${String(s.maximum)}`);
  if (s.multipleOf === 1 || s.type === "integer") out.push("whole number");
  if (s.minItems !== undefined || s.maxItems !== undefined)
    out.push(`${String(s.minItems ?? 0)}–${String(s.maxItems ?? "∞")} items`);
  if (typeof s.pattern === "string") out.push(`pattern ${s.pattern}`);
  return out;
}

function Code({ children }: { children: React.ReactNode }) {
  return (
    <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs break-all text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
      {children}
    </code>
  );
}

/** One line's worth of a schema: `string`, `"read" | "operate"`, a link to a named schema, `array of …`. */
function TypeLabel({ schema }: { schema: Json }) {
  if (typeof schema.$ref === "string") {
    const name = refName(schema.$ref);
    return (
      <a href={`#${schemaAnchor(name)}`} className="font-mono text-xs text-sky-700 hover:underline dark:text-sky-400">
        {name}
      </a>
    );
  }
  if (schema.const !== undefined) return <Code>{JSON.stringify(schema.const)}</Code>;
  if (Array.isArray(schema.enum)) return <Code>{schema.enum.map((v) => JSON.stringify(v)).join(" | ")}</Code>;
  if (schema.type === "array") {
    const items = (schema.items ?? {}) as Json;
    return (
      <span>
        array of <TypeLabel schema={items} />
      </span>
    );
  }
  if (Array.isArray(schema.anyOf)) return <span className="text-xs text-zinc-600 dark:text-zinc-400">one of:</span>;
  const type = typeof schema.type === "string" ? schema.type : schema.properties ? "object" : "any value";
  return <span className="font-mono text-xs text-violet-700 dark:text-violet-300">{type}</span>;
}

/** Nested content below the type line: an object's properties, a union's branches, an array's object items. */
function Inner({ schema, depth }: { schema: Json; depth: number }) {
  if (depth > 5) return null;
  if (Array.isArray(schema.anyOf))
    return (
      <ol className="mt-1 list-decimal space-y-1 pl-5">
        {(schema.anyOf as Json[]).map((branch, i) => (
          <li key={i}>
            <SchemaView schema={branch} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  if (schema.type === "array") {
    const items = (schema.items ?? {}) as Json;
    return items.properties || items.anyOf ? <Inner schema={items} depth={depth + 1} /> : null;
  }
  const properties = schema.properties as Record<string, Json> | undefined;
  if (!properties) return null;
  const required = new Set((schema.required ?? []) as string[]);
  return (
    <ul className="mt-1 space-y-1 border-l border-zinc-200 pl-3 dark:border-zinc-700">
      {Object.entries(properties).map(([name, prop]) => (
        <li key={name} className="text-sm">
          <span className="font-mono text-xs font-semibold">{name}</span>
          {!required.has(name) && <span className="text-xs text-zinc-500 dark:text-zinc-400">?</span>}{" "}
          <SchemaView schema={prop} depth={depth + 1} />
        </li>
      ))}
      {schema.additionalProperties !== false && schema.additionalProperties !== undefined && (
        <li className="text-xs text-zinc-500 dark:text-zinc-400">…and other fields, passed on as they are</li>
      )}
    </ul>
  );
}

/** A schema's type line and what is nested in it; the caller gives the block around it (a div, a li). */
export function SchemaView({ schema, depth = 0 }: { schema: Json; depth?: number }) {
  const notes = constraints(schema);
  return (
    <>
      <TypeLabel schema={schema} />
      {notes.length > 0 && <span className="text-xs text-zinc-500 dark:text-zinc-400">{` (${notes.join(", ")})`}</span>}
      {typeof schema.description === "string" && (
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{` — ${schema.description}`}</span>
      )}
      <Inner schema={schema} depth={depth} />
    </>
  );
}
