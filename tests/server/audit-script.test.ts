import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `npm audit` cannot run on the build machine (its registry answers 405 to the audit endpoint), so
 * the project ships a script for users whose registry can: it must audit what is deployed (runtime
 * dependencies only) and fail on moderate advisories or worse, and the README must say so.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

describe("npm run audit", () => {
  it("audits the runtime dependencies and fails from moderate up", () => {
    const words = (pkg.scripts.audit ?? "").split(/\s+/);
    expect(words.slice(0, 2)).toEqual(["npm", "audit"]);
    expect(words).toContain("--omit=dev");
    expect(words).toContain("--audit-level=moderate");
  });

  it("is documented in the README", () => {
    expect(readFileSync(path.join(ROOT, "README.md"), "utf8")).toMatch(/\| `npm run audit` \|/);
  });
});
