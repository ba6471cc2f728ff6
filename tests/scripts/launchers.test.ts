import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { argv, plans, root, type LaunchPlan } from "../../scripts/lib/launch-plans.cjs";

// Every child process of ours starts as `node <file>`: Windows cannot spawn npm or .bin's .cmd
// shims without a shell, so a plan that names one breaks the quick start there.
const every: LaunchPlan[] = [
  plans.simulator(["--port", "1"]),
  plans.token(["list"]),
  plans.start(),
  plans.devServer(),
  plans.build(),
  plans.nextBuild(),
  plans.postbuild(),
  plans.eslint(),
  plans.prettier(),
  plans.typecheck(),
  plans.vitest(),
  plans.playwright(),
];

describe("launch plans", () => {
  it.each(every.map((p) => [p.name, p] as const))(
    "%s is node plus a JavaScript or TypeScript file that exists",
    (_n, p) => {
      expect(path.isAbsolute(p.entry)).toBe(true);
      expect(existsSync(p.entry), p.entry).toBe(true);
      // Next's and tsc's bin scripts have no extension but are JavaScript with a node shebang.
      const ext = path.extname(p.entry);
      if (ext) expect([".js", ".cjs", ".mjs", ".ts"]).toContain(ext);
      else expect(readFileSync(p.entry, "utf8").split("\n")[0]).toMatch(/^#!.*node/);
      expect(p.entry).not.toMatch(/node_modules[\\/]\.bin/);
      expect(argv(p)).toContain(p.entry);
    },
  );

  it("the simulator's TypeScript runs through tsx's loader inside the same node process", () => {
    const p = plans.simulator();
    expect(p.flags[0]).toBe("--import");
    expect(existsSync(fileURLToPath(p.flags[1] ?? ""))).toBe(true);
  });

  it("the standalone server is node plus the built entry, with the heap flags first", () => {
    const p = plans.standalone(["--max-old-space-size=512"]);
    expect(argv(p)).toEqual(["--max-old-space-size=512", path.join(root, ".next", "standalone", "server.js")]);
  });
});

const forbidden: [string, RegExp][] = [
  ["spawning npm", /spawn(Sync)?\(\s*["'`]npm/],
  ["a node_modules/.bin shim", /\.bin["'`/\\]/],
  ["a shell", /shell:\s*true/],
  ["setsid", /\bsetsid\b/],
  ["ps", /["'`]ps["'`]/],
  ["a process-group signal", /process\.kill\(\s*-/],
];

function scriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? scriptFiles(path.join(dir, e.name)) : /\.(c|m)?js$/.test(e.name) ? [path.join(dir, e.name)] : [],
  );
}

describe("scripts/", () => {
  const files = scriptFiles(path.join(root, "scripts"));
  it.each(forbidden)("never uses %s", (_what, pattern) => {
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.filter((f) => pattern.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
