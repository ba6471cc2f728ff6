/*
 * `npm run audit:lighthouse` (run `npm run build` first): starts the simulator and the built
 * dashboard, audits the agent page and the wall with Lighthouse's mobile and desktop presets, three
 * runs each, and prints the median of each score and metric; bench/out/lighthouse.json keeps them
 * with every run's figures and the failing audits, and bench/out/lighthouse/ each audit's last full
 * report (its trace findings: layout shifts, long tasks, the LCP element). `--runs N` changes the
 * count; `--page /wall` and `--preset mobile` audit one of them (while working on it).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg, setPriority } from "node:os";
import path from "node:path";
// Lighthouse's own launcher (a dependency of lighthouse 12), so Chromium starts as Lighthouse expects.
import * as chromeLauncher from "chrome-launcher";
import type { Result } from "lighthouse";
import { plans } from "../scripts/lib/launch-plans.cjs";
import { chromiumExecutable } from "../scripts/lib/chromium.cjs";
import { collectNode } from "../scripts/lib/spawn-node.cjs";
import { stack } from "./common";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const PAGES = ["/agents/local", "/wall"].filter((p) => !arg("--page") || p === arg("--page"));
// Lighthouse's own presets: mobile is its default, desktop its `--preset=desktop`.
const PRESETS = Object.entries({ mobile: [], desktop: ["--preset=desktop"] } as const).filter(
  ([name]) => !arg("--preset") || name === arg("--preset"),
);
const RUNS = Number(arg("--runs")) || 3;
const OUT = path.join(__dirname, "out");
const CATEGORIES = ["performance", "accessibility", "best-practices"];

/*
 * Lighthouse runs as its own CLI process (`node lighthouse/cli/index.js`, plans.lighthouse), not
 * through its Node API here: tsx compiles every module it loads with esbuild's keepNames, and the
 * functions Lighthouse sends into the page then call a `__name` helper that does not exist there
 * ("__name is not defined"). A runtime error of Lighthouse's own (on a loaded machine its trace
 * sometimes misses the navigation start: NO_NAVSTART) is retried, twice at most, rather than
 * counted as a score.
 */
async function audit(url: string, chromePort: number, presetArgs: readonly string[], attempt = 1): Promise<Result> {
  const args = [url, `--port=${chromePort}`, "--output=json", "--output-path=stdout", "--quiet"];
  args.push(`--only-categories=${CATEGORIES.join(",")}`, ...presetArgs);
  const r = await collectNode(plans.lighthouse(args), { timeoutMs: 300_000 });
  if (r.code === 0) return JSON.parse(r.stdout) as Result;
  if (attempt >= 3) throw new Error(`lighthouse exited ${r.code ?? r.signal}: ${r.stderr}`);
  const code = /\(([A-Z_]+)\)/.exec(r.stderr)?.[1] ?? `exit ${r.code ?? r.signal}`;
  console.error(`${url}: Lighthouse failed (${code}), again`);
  return audit(url, chromePort, presetArgs, attempt + 1);
}

type Figures = {
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  fcpMs: number;
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function figuresOf(lhr: Result): Figures {
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    lcpMs: metric("largest-contentful-paint"),
    tbtMs: metric("total-blocking-time"),
    cls: metric("cumulative-layout-shift"),
    fcpMs: metric("first-contentful-paint"),
  };
}

/** What stopped a score at less than 100: each failing audit's id and title (weighted or not). */
function findings(lhr: Result): string[] {
  return CATEGORIES.flatMap((c) =>
    (lhr.categories[c]?.auditRefs ?? [])
      .filter((ref) => {
        const a = lhr.audits[ref.id];
        return a && a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative";
      })
      .map((ref) => `${c}: ${ref.id} (${lhr.audits[ref.id]!.displayValue ?? lhr.audits[ref.id]!.score})`),
  );
}

async function main() {
  // Lower priority (nice 10 on Linux and macOS, "below normal" on Windows), inherited by the server,
  // Chromium and Lighthouse: an audit beside other work must not starve it.
  setPriority(10);
  const st = await stack(100);
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumExecutable(),
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const out: Record<string, unknown> = { date: new Date().toISOString(), runs: RUNS, loadBefore: loadavg(), pages: {} };
  const table: string[][] = [];
  try {
    for (const page of PAGES) {
      for (const [preset, presetArgs] of PRESETS) {
        const runs: Figures[] = [];
        let lastFindings: string[] = [];
        for (let i = 0; i < RUNS; i++) {
          const lhr = await audit(`${st.dash.url}${page}`, chrome.port, presetArgs);
          runs.push(figuresOf(lhr));
          lastFindings = findings(lhr);
          const name = `${page.replaceAll("/", "_")}-${preset}.json`;
          mkdirSync(path.join(OUT, "lighthouse"), { recursive: true });
          writeFileSync(path.join(OUT, "lighthouse", name), JSON.stringify(lhr));
        }
        const med = Object.fromEntries(
          (Object.keys(runs[0]!) as (keyof Figures)[]).map((k) => [k, median(runs.map((r) => r[k]))]),
        ) as Figures;
        (out.pages as Record<string, unknown>)[`${page} ${preset}`] = {
          median: med,
          runs,
          findings: lastFindings,
        };
        table.push([
          page,
          preset,
          `${med.performance}/${med.accessibility}/${med.bestPractices}`,
          `${(med.lcpMs / 1000).toFixed(1)} s`,
          `${med.tbtMs.toFixed(0)} ms`,
          med.cls.toFixed(3),
          `${(med.fcpMs / 1000).toFixed(1)} s`,
        ]);
        console.error(
          `${page} ${preset}: ${table.at(-1)!.slice(2).join("  ")}; load ${loadavg()[0]!.toFixed(2)}; ${lastFindings.join(", ") || "no findings"}`,
        );
      }
    }
  } finally {
    await chrome.kill();
    await st.stop();
  }
  const head = ["page", "preset", "perf/a11y/bp", "LCP", "TBT", "CLS", "FCP"];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  for (const r of [head, ...table]) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join("  "));
  console.log(
    `(median of ${RUNS} runs; targets 95/100/100; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")})`,
  );
  out.loadAfter = loadavg();
  const file = path.join(OUT, "lighthouse.json");
  mkdirSync(OUT, { recursive: true });
  writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
