import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/*
 * Finds every call into node:child_process in a source file (imported or required, by name or
 * through the module object) by parsing it with TypeScript, so a comment or a regular expression's
 * `.exec` is never mistaken for one and an aliased import is never missed.
 */

export type SpawnCall = { file: string; line: number; fn: string; command: string; shellOption: boolean };

const CHILD_PROCESS = new Set(["node:child_process", "child_process"]);

function kindOf(file: string): ts.ScriptKind {
  if (file.endsWith(".tsx")) return ts.ScriptKind.TSX;
  return /\.(c|m)?ts$/.test(file) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
}

export function spawnCalls(file: string, text = readFileSync(file, "utf8")): SpawnCall[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kindOf(file));
  const functions = new Map<string, string>(); // local name -> child_process export
  const modules = new Set<string>(); // local names of the module object itself
  const calls: SpawnCall[] = [];

  const isChildProcess = (node: ts.Node | undefined) =>
    node !== undefined && ts.isStringLiteralLike(node) && CHILD_PROCESS.has(node.text);
  const bind = (name: ts.BindingName, from: "module" | "members") => {
    if (ts.isIdentifier(name)) return void modules.add(name.text);
    if (!ts.isObjectBindingPattern(name) || from !== "members") return;
    for (const el of name.elements) {
      const imported = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : el.name.getText();
      if (ts.isIdentifier(el.name)) functions.set(el.name.text, imported);
    }
  };
  const visitBindings = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && isChildProcess(node.moduleSpecifier) && node.importClause) {
      const clause = node.importClause;
      if (clause.name) modules.add(clause.name.text);
      const named = clause.namedBindings;
      if (named && ts.isNamespaceImport(named)) modules.add(named.name.text);
      if (named && ts.isNamedImports(named))
        for (const el of named.elements) functions.set(el.name.text, (el.propertyName ?? el.name).text);
    }
    if (ts.isVariableDeclaration(node) && node.initializer && ts.isCallExpression(node.initializer)) {
      const call = node.initializer;
      if (call.expression.getText() === "require" && isChildProcess(call.arguments[0])) bind(node.name, "members");
    }
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      if (isChildProcess(node.arguments[0])) modules.add("(dynamic import)");
    }
    ts.forEachChild(node, visitBindings);
  };
  visitBindings(source);
  if (modules.has("(dynamic import)"))
    calls.push({ file, line: 0, fn: "import()", command: "(dynamic import of child_process)", shellOption: false });

  const visitCalls = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      let fn: string | undefined;
      if (ts.isIdentifier(callee)) fn = functions.get(callee.text);
      else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression))
        fn = modules.has(callee.expression.text) ? callee.name.text : undefined;
      if (fn) {
        const first = node.arguments[0];
        const command = first === undefined ? "" : ts.isStringLiteralLike(first) ? first.text : first.getText();
        const shellOption = node.arguments.some(
          (a) =>
            ts.isObjectLiteralExpression(a) &&
            a.properties.some((p) => p.name !== undefined && p.name.getText() === "shell"),
        );
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        calls.push({ file, line, fn, command, shellOption });
      }
    }
    ts.forEachChild(node, visitCalls);
  };
  visitCalls(source);
  return calls;
}

/** Source files (.ts, .tsx, .js, .cjs, .mjs, .cts, .mts) under `dir`, skipping built and installed trees. */
export function sourceFiles(dir: string): string[] {
  const skip = new Set(["node_modules", ".next", "test-results", "playwright-report", "out", ".git"]);
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return skip.has(e.name) ? [] : sourceFiles(full);
    return /\.(c|m)?(j|t)sx?$/.test(e.name) && !e.name.endsWith(".d.ts") && !/\.d\.(c|m)ts$/.test(e.name) ? [full] : [];
  });
}
