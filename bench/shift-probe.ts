// What moves on a page as it fills in: `npx tsx bench/shift-probe.ts [path] [mobile|desktop]` (after
// `npm run build`) opens it at 100 runs in Lighthouse's viewport for the preset (mobile: 412×823 at
// 4x CPU slowdown; desktop: 1350×940), records every layout shift for 8 s with the elements that moved
// (Lighthouse 12's own shift report fails on Debian's Chromium), and the long tasks, and prints them.
import { chromium } from "@playwright/test";
import { stack, sleep } from "./common";
import { launchOptions, lighthouseView } from "./browser";

type Shift = { t: number; value: number; sources: string[] };

/** Collects layout shifts (with what moved, from where to where) and long tasks into window. */
const OBSERVE = `
  window.shifts = [];
  window.longTasks = [];
  const describe = (n) => {
    if (!(n instanceof Element)) return String(n && n.nodeName);
    const label = n.getAttribute("aria-label") || n.getAttribute("aria-labelledby") || n.id;
    return n.tagName.toLowerCase() + (label ? "[" + label + "]" : "") + "." + [...n.classList].slice(0, 4).join(".");
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (!e.hadRecentInput)
        window.shifts.push({
          t: Math.round(e.startTime),
          value: e.value,
          sources: e.sources.map((s) => describe(s.node) + " y " + Math.round(s.previousRect.y) + "→" +
            Math.round(s.currentRect.y) + " h " + Math.round(s.previousRect.height) + "→" + Math.round(s.currentRect.height)),
        });
  }).observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.longTasks.push(Math.round(e.startTime) + "+" + Math.round(e.duration));
  }).observe({ type: "longtask", buffered: true });
`;

async function main() {
  const path = process.argv[2] ?? "/agents/local";
  const mobile = (process.argv[3] ?? "mobile") === "mobile";
  const st = await stack(100);
  const browser = await chromium.launch(launchOptions);
  const { page } = await lighthouseView(browser, mobile);
  // A string, not a function: tsx compiles functions with esbuild's keepNames, whose __name helper
  // does not exist in the page.
  await page.addInitScript(OBSERVE);
  await page.goto(`${st.dash.url}${path}`);
  await sleep(8000);
  const { shifts, longTasks, dom, loads } = (await page.evaluate(
    "({ shifts: window.shifts, longTasks: window.longTasks, dom: document.getElementsByTagName('*').length, " +
      "loads: performance.getEntriesByType('resource').map((r) => Math.round(r.responseEnd) + ' ' + r.name.replace(/^.*\\//, '').slice(0, 40)) })",
  )) as { shifts: Shift[]; longTasks: string[]; dom: number; loads: string[] };
  let total = 0;
  for (const s of shifts) {
    total += s.value;
    console.log(`${s.t} ms  ${s.value.toFixed(4)}\n  ${s.sources.join("\n  ")}`);
  }
  if (process.argv.includes("--loads")) console.log(loads.join("\n"));
  console.log(
    `layout shift total ${total.toFixed(3)}; long tasks ${longTasks.length} (start+duration): ${longTasks.join(", ")} ms; DOM ${dom} elements`,
  );
  await browser.close();
  await st.stop();
}
void main();
