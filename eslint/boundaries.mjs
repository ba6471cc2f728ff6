// The project's own ESLint rules: where code may import from. A file is browser code when it starts
// with the "use client" directive (wherever it lives), or lives in components/ or lib/client/; the
// directive is what decides, not the file's name, because a page.tsx may be a server component and
// any file may be a client one.
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/** The import's target as a path from the project's root ("lib/server/x"), or null for packages. */
function targetOf(specifier, filename) {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.relative(ROOT, path.resolve(path.dirname(filename), specifier));
  return null;
}

const inFolder = (target, folder) => target === folder || target.startsWith(`${folder}/`);

function importChecks(context, isBanned) {
  const check = (node) => {
    const specifier = node.source?.type === "Literal" ? node.source.value : null;
    if (typeof specifier !== "string") return;
    const target = targetOf(specifier, context.filename);
    const reason = target === null ? null : isBanned(target.split(path.sep).join("/"));
    if (reason) context.report({ node: node.source, messageId: "banned", data: { specifier, reason } });
  };
  return {
    ImportDeclaration: check,
    ExportNamedDeclaration: check,
    ExportAllDeclaration: check,
    ImportExpression: check,
  };
}

const isClientFile = (ast) => ast.body[0]?.type === "ExpressionStatement" && ast.body[0].directive === "use client";

/** Browser code never imports lib/server: it holds the agents' tokens and addresses. */
const noServerInClient = {
  meta: {
    type: "problem",
    docs: { description: 'Files marked "use client" (and components/, lib/client/) must not import lib/server' },
    messages: { banned: "{{specifier}}: {{reason}}" },
    schema: [{ type: "object", properties: { always: { type: "boolean" } }, additionalProperties: false }],
  },
  create(context) {
    const always = context.options[0]?.always === true;
    if (!always && !isClientFile(context.sourceCode.ast)) return {};
    return importChecks(context, (target) =>
      inFolder(target, "lib/server") ? "browser code must not import lib/server (it runs on the server only)" : null,
    );
  },
};

/** The shared layers (the agent's API, the dashboard's contract, domain logic) depend on neither side. */
const sharedLayer = {
  meta: {
    type: "problem",
    docs: { description: "lib/agent-api, lib/bff, lib/domain and lib/format import neither lib/server nor lib/client" },
    messages: { banned: "{{specifier}}: {{reason}}" },
    schema: [],
  },
  create(context) {
    return importChecks(context, (target) =>
      inFolder(target, "lib/server") || inFolder(target, "lib/client")
        ? "shared code (used by both the server and the browser) must not import lib/server or lib/client"
        : null,
    );
  },
};

const plugin = { rules: { "no-server-in-client": noServerInClient, "shared-layer": sharedLayer } };
export default plugin;
