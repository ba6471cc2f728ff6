#!/usr/bin/env node
// `npm test`: lint, typecheck, Prometheus's promtool on docs/prometheus/, unit tests (Vitest, against real simulator processes), a production
// build, then browser tests (Playwright in Chromium against the simulator). Every step runs even
// when an earlier one fails, so one run shows everything; the exit code is non-zero on any failure.
// The last line sums every suite: "N passed, N failed".
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { plans } from "./lib/launch-plans.cjs";
import { runNode } from "./lib/spawn-node.cjs";
import { docChecks, INSTALL_HINT, runPromtool } from "./lib/promtool.cjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "test-results");
mkdirSync(outDir, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`

const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
function record(step, passed, failed, skipped = 0) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  rows.push(`${step.padEnd(10)} ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
}
function run(plan, env = {}) {
  console.log(`\n$ ${plan.name} ${plan.args.join(" ")}`);
  return runNode(plan, { env: { ...process.env, ...env } }) === 0;
}
const wanted = (step) => only.length === 0 || only.includes(step);

if (wanted("lint")) {
  // Both, even when the first fails: one run says everything that is wrong.
  const lint = run(plans.eslint());
  const format = run(plans.prettier());
  record("lint", (lint ? 1 : 0) + (format ? 1 : 0), (lint ? 0 : 1) + (format ? 0 : 1));
}
if (wanted("typecheck")) {
  const ok = run(plans.typecheck());
  record("typecheck", ok ? 1 : 0, ok ? 0 : 1);
}

if (wanted("promtool")) {
  // The scrape config's syntax, the alerting rules, and their unit tests, by Prometheus's own tool.
  let passed = 0;
  let failed = 0;
  for (const check of docChecks()) {
    console.log(`\n$ promtool ${check.args.join(" ")}`);
    const r = runPromtool(check.args, { inherit: true });
    if (r.missing) console.log(INSTALL_HINT);
    if (r.status === 0 && !r.missing) passed++;
    else failed++;
  }
  record("promtool", passed, failed);
}

if (wanted("unit")) {
  const report = path.join(outDir, "vitest.json");
  rmSync(report, { force: true });
  const ok = run(plans.vitest(["--reporter=default", "--reporter=json", `--outputFile.json=${report}`]));
  if (existsSync(report)) {
    const r = JSON.parse(readFileSync(report, "utf8"));
    record(
      "unit",
      r.numPassedTests,
      r.numFailedTests + (ok || r.numFailedTests ? 0 : 1),
      r.numPendingTests + r.numTodoTests,
    );
  } else record("unit", 0, 1);
}

if (wanted("e2e")) {
  const built = run(plans.build());
  record("build", built ? 1 : 0, built ? 0 : 1);
  if (built) {
    const report = path.join(outDir, "playwright.json");
    rmSync(report, { force: true });
    const ok = run(plans.playwright(), { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
    if (existsSync(report)) {
      const s = JSON.parse(readFileSync(report, "utf8")).stats;
      record("e2e", s.expected + s.flaky, s.unexpected + (ok || s.unexpected ? 0 : 1), s.skipped);
    } else record("e2e", 0, 1);
  }
}

console.log("\nSummary");
for (const row of rows) console.log(`  ${row}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 ? 1 : 0);
