import { Badge, type Tone } from "@/components/ui/badge";
import { SchemaView, type Json } from "./schema-view";
import { RichText } from "./rich-text";

/*
 * One operation of the OpenAPI document: method, path, scope, what it does, its parameters, body and
 * answers. Error answers shared by every route are listed by status, each linking to its words.
 */
const METHOD_TONE: Record<string, Tone> = { get: "green", post: "blue", patch: "amber", put: "amber", delete: "red" };
const SCOPE_TONE: Record<string, Tone> = { read: "neutral", operate: "blue", admin: "violet" };

export const operationAnchor = (id: string) => `op-${id}`;

type Param = { name: string; in: string; required?: boolean; description?: string; schema: Json };
type Reply = { $ref?: string; description?: string; content?: Record<string, { schema: Json }>; headers?: object };
export type OperationDoc = {
  operationId: string;
  summary: string;
  description?: string;
  "x-required-scope": string;
  parameters?: Param[];
  requestBody?: { content: Record<string, { schema: Json; example?: unknown }> };
  responses: Record<string, Reply>;
};

function Label({ children }: { children: React.ReactNode }) {
  return (
    <h4 className="mt-3 mb-1 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
      {children}
    </h4>
  );
}

export function OperationCard({ method, path, op }: { method: string; path: string; op: OperationDoc }) {
  const own = Object.entries(op.responses).filter(([, r]) => !r.$ref);
  const shared = Object.entries(op.responses).filter(([, r]) => r.$ref);
  const body = op.requestBody && Object.entries(op.requestBody.content)[0];
  return (
    <article
      id={operationAnchor(op.operationId)}
      aria-label={`${method.toUpperCase()} ${path}`}
      className="scroll-mt-20 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <h3 className="flex flex-wrap items-center gap-2">
        <Badge tone={METHOD_TONE[method] ?? "neutral"} className="font-mono uppercase">
          {method}
        </Badge>
        <code className="font-mono text-sm font-semibold break-all">{path}</code>
        <Badge tone={SCOPE_TONE[op["x-required-scope"]] ?? "neutral"}>{`scope: ${op["x-required-scope"]}`}</Badge>
      </h3>
      <p className="mt-2 text-sm">{op.summary}</p>
      {op.description && <RichText text={op.description} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" />}

      {op.parameters && op.parameters.length > 0 && (
        <>
          <Label>Parameters</Label>
          <ul className="space-y-1.5">
            {op.parameters.map((p) => (
              <li key={`${p.in}:${p.name}`} className="text-sm">
                <span className="font-mono text-xs font-semibold">{p.name}</span>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">{` (${p.in}${p.required ? ", required" : ""}) `}</span>
                <SchemaView schema={p.schema} />
                {p.description && (
                  <RichText text={p.description} className="text-xs text-zinc-600 dark:text-zinc-400" />
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      {body && (
        <>
          <Label>{`Request body (${body[0]})`}</Label>
          <div className="text-sm">
            <SchemaView schema={body[1].schema} />
          </div>
          {body[1].example !== undefined && (
            <pre className="mt-2 overflow-x-auto rounded-md bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800">
              {JSON.stringify(body[1].example, null, 2)}
            </pre>
          )}
        </>
      )}

      <Label>Answers</Label>
      <ul className="space-y-2">
        {own.map(([status, reply]) => {
          const media = Object.entries(reply.content ?? {})[0];
          return (
            <li key={status} className="text-sm">
              <span className="font-mono text-xs font-semibold">{status}</span> <span>{reply.description}</span>
              {media && <span className="text-xs text-zinc-500 dark:text-zinc-400">{` (${media[0]})`}</span>}
              {media && media[0] === "application/json" && (
                <details className="mt-1">
                  <summary className="cursor-pointer text-xs text-sky-700 dark:text-sky-400">Schema</summary>
                  <div className="mt-1">
                    <SchemaView schema={media[1].schema} />
                  </div>
                </details>
              )}
            </li>
          );
        })}
      </ul>
      <p className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
        {"Errors: "}
        {shared.map(([status, reply], i) => (
          <span key={status}>
            {i > 0 && ", "}
            <a
              href={`#${reply.$ref?.replace("#/components/responses/", "error-")}`}
              className="font-mono hover:underline"
            >
              {status}
            </a>
          </span>
        ))}
      </p>
    </article>
  );
}
