// Where the page's main-thread time goes: `npx tsx bench/cpu-probe.ts [path] [mobile|desktop] [seconds]`
// (after `npm run build`) opens the page at 100 runs in Lighthouse's viewport for the preset, records
// a CPU profile (DevTools' sampling profiler) for the first seconds, and prints the functions with the
// most self time and the scripts' totals. Lighthouse names only the chunk; this names the function
// (minified names in a production build, but with file and column one finds it in .next/static),
// then each busy stretch over 50 ms (4x slowdown on mobile, as Lighthouse simulates) with its costliest functions.
import { chromium } from "@playwright/test";
import { stack } from "./common";
import { launchOptions, lighthouseView } from "./browser";

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

async function main() {
  const path = process.argv[2] ?? "/agents/local";
  const mobile = (process.argv[3] ?? "mobile") === "mobile";
  const seconds = Number(process.argv[4]) || 8;
  const st = await stack(100);
  const browser = await chromium.launch(launchOptions);
  try {
    const { page, cdp } = await lighthouseView(browser, mobile);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    await page.goto(`${st.dash.url}${path}`);
    await page.waitForTimeout(seconds * 1000);
    const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
    report(profile);
  } finally {
    await browser.close();
    await st.stop();
  }
}

function report(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const fn = new Map<string, number>();
  const script = new Map<string, number>();
  for (const [id, msSelf] of self) {
    const f = byId.get(id)!.callFrame;
    const file = f.url.replace(/^.*\//, "") || "(native)";
    const key = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + msSelf);
    script.set(file, (script.get(file) ?? 0) + msSelf);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`)
      .join("\n");
  console.log(`by script (self time):\n${top(script, 12)}\n\nby function (self time):\n${top(fn, 40)}`);
  console.log(`\nbusy stretches over ${LONG_MS} ms (long tasks at 4x slowdown), with their costliest functions:`);
  for (const t of stretches(profile, byId)) console.log(t);
}

/** A long task, as Lighthouse counts them (the mobile preset's slowdown is applied above). */
const LONG_MS = 50;

/** Runs of consecutive non-idle samples (a task, roughly), those over LONG_MS, each with its top functions. */
/**
 * `--skip <regex>`: chunks whose functions are left out of the stretches' lists (React's and Next's
 * own: their work loop is in every stretch; the app's functions say what it ran).
 */
const skipAt = process.argv.indexOf("--skip");
const FRAMEWORK = new RegExp(skipAt > 0 ? process.argv[skipAt + 1]! : "^$");

function stretches(profile: Profile, byId: Map<number, Node>): string[] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (id: number) => {
    const f = byId.get(id)!.callFrame;
    return `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\//, "")}:${f.columnNumber + 1}`;
  };
  const out: string[] = [];
  let t = 0;
  let start = -1;
  let busy = 0;
  let inclusive = new Map<string, number>();
  const flush = () => {
    if (busy > LONG_MS) {
      const top = [...inclusive]
        .filter(([k]) => !k.startsWith("(") && !FRAMEWORK.test(k))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([k, v]) => `${v.toFixed(1)} ${k}`);
      out.push(`${start.toFixed(0)} ms +${busy.toFixed(1)}: ${top.join(" | ")}`);
    }
    start = -1;
    busy = 0;
    inclusive = new Map();
  };
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    t += dt;
    if (byId.get(id)!.callFrame.functionName === "(idle)") return flush();
    if (start < 0) start = t;
    busy += dt;
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + dt);
    }
  });
  flush();
  return out;
}

void main();
