import { Fragment } from "react";
import { AppShell } from "@/components/ui/app-shell";
import { Card } from "@/components/ui/card";
import { OperationCard, operationAnchor, type OperationDoc } from "./operation-card";
import { RichText } from "./rich-text";
import { SchemaView, schemaAnchor, type Json } from "./schema-view";

/*
 * `/api-docs`: the OpenAPI document (GET /api/openapi.json) rendered on the server as plain HTML,
 * grouped by tag, with a contents list, the shared errors and the named schemas. No script of its
 * own, so the page lives within the CSP like every other; `<details>` folds the answer schemas.
 */
type Doc = {
  info: { title: string; version: string; description?: string };
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, OperationDoc>>;
  components: { schemas: Record<string, Json>; responses: Record<string, { description: string }> };
};

const tagAnchor = (name: string) => `tag-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;

export function ApiDocs({ doc }: { doc: Doc }) {
  const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op, tag: (op as { tags?: string[] }).tags?.[0] })),
  );
  const link = "text-sky-700 hover:underline dark:text-sky-400";
  return (
    <AppShell crumbs={[{ label: "API reference" }]}>
      <div className="mx-auto grid max-w-6xl gap-6 lg:grid-cols-[14rem_1fr]">
        <nav
          aria-label="Contents"
          className="text-sm lg:sticky lg:top-16 lg:max-h-[calc(100vh-5rem)] lg:self-start lg:overflow-y-auto"
        >
          <ul className="space-y-2">
            {doc.tags.map((t) => (
              <li key={t.name}>
                <a href={`#${tagAnchor(t.name)}`} className={`font-medium ${link}`}>
                  {t.name}
                </a>
                <ul className="mt-1 hidden space-y-0.5 pl-3 text-xs lg:block">
                  {ops
                    .filter((o) => o.tag === t.name)
                    .map((o) => (
                      <li key={o.op.operationId}>
                        <a
                          href={`#${operationAnchor(o.op.operationId)}`}
                          className="font-mono text-zinc-600 hover:underline dark:text-zinc-400"
                        >
                          {`${o.method.toUpperCase()} `}
                          <PathBreaks path={o.path.replace("/api", "")} />
                        </a>
                      </li>
                    ))}
                </ul>
              </li>
            ))}
            <li>
              <a href="#errors" className={`font-medium ${link}`}>
                Errors
              </a>
            </li>
            <li>
              <a href="#schemas" className={`font-medium ${link}`}>
                Schemas
              </a>
            </li>
          </ul>
        </nav>
        <div className="min-w-0 space-y-6">
          <header>
            <h1 className="text-xl font-semibold">{`${doc.info.title} ${doc.info.version}`}</h1>
            <p className="mt-1 text-sm">
              OpenAPI 3.1, generated from the dashboard&apos;s own contract:{" "}
              <a href="/api/openapi.json" className={`font-mono ${link}`}>
                /api/openapi.json
              </a>
            </p>
            {doc.info.description && (
              <RichText
                text={doc.info.description}
                className="mt-3 max-w-3xl text-sm text-zinc-700 dark:text-zinc-300"
              />
            )}
          </header>
          {doc.tags.map((t) => (
            <section key={t.name} aria-labelledby={tagAnchor(t.name)} className="space-y-3">
              <h2 id={tagAnchor(t.name)} className="scroll-mt-20 text-lg font-semibold">
                {t.name}
                {t.description && (
                  <span className="ml-2 text-sm font-normal text-zinc-500 dark:text-zinc-400">{t.description}</span>
                )}
              </h2>
              {ops
                .filter((o) => o.tag === t.name)
                .map((o) => (
                  <OperationCard key={o.op.operationId} method={o.method} path={o.path} op={o.op} />
                ))}
            </section>
          ))}
          <Card aria-labelledby="errors">
            <h2 id="errors" className="scroll-mt-20 text-lg font-semibold">
              Errors
            </h2>
            <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
              Every error is <code className="font-mono text-xs">{`{"error":{"code","message","fields"?}}`}</code>.
            </p>
            <ul className="mt-2 space-y-1 text-sm">
              {Object.entries(doc.components.responses).map(([name, r]) => (
                <li key={name} id={`error-${name}`} className="scroll-mt-20">
                  <span className="font-mono text-xs font-semibold">{name.slice(1)}</span>{" "}
                  <RichText text={r.description} className="inline [&>p]:inline" />
                </li>
              ))}
            </ul>
          </Card>
          <Card aria-labelledby="schemas">
            <h2 id="schemas" className="scroll-mt-20 text-lg font-semibold">
              Schemas
            </h2>
            <ul className="mt-2 space-y-3">
              {Object.entries(doc.components.schemas).map(([name, schema]) => (
                <li key={name} id={schemaAnchor(name)} className="scroll-mt-20 text-sm">
                  <h3 className="font-mono text-sm font-semibold">{name}</h3>
                  <SchemaView schema={schema} />
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </AppShell>
  );
}

/** A path that may wrap after each slash: the contents column is narrow and paths have no spaces. */
function PathBreaks({ path }: { path: string }) {
  return path
    .split("/")
    .slice(1)
    .map((segment, i) => (
      <Fragment key={i}>
        /<wbr />
        {segment}
      </Fragment>
    ));
}
