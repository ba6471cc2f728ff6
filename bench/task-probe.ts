// The page's long tasks and what fills them: `npx tsx bench/task-probe.ts [path] [mobile|desktop]`
// (after `npm run build`): opens the page at 100 runs in Lighthouse's viewport for the preset with its
// 4x CPU slowdown on mobile, records a DevTools trace for 8 s, and prints each task over 50 ms with its
// time split by kind (script by function and file, style, layout, paint, parsing).
import { chromium } from "@playwright/test";
import { stack, sleep } from "./common";
import { launchOptions, lighthouseView } from "./browser";

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  args?: { data?: Record<string, unknown> };
};

async function main() {
  const path = process.argv[2] ?? "/agents/local";
  const mobile = (process.argv[3] ?? "mobile") === "mobile";
  const st = await stack(100);
  const browser = await chromium.launch(launchOptions);
  try {
    const { page } = await lighthouseView(browser, mobile);
    await browser.startTracing(page, {
      categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel"],
    });
    await page.goto(`${st.dash.url}${path}`);
    await sleep(8000);
    const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    report(events);
  } finally {
    await browser.close();
    await st.stop();
  }
}

function report(events: TraceEvent[]) {
  const nav =
    events.find((e) => e.name === "navigationStart" || e.name === "TracingStartedInBrowser")?.ts ?? events[0]!.ts;
  // The page's main thread: the one that spends the most time in tasks (another renderer parsed about:blank).
  const busy = new Map<string, number>();
  for (const e of events)
    if (e.name === "RunTask") busy.set(`${e.pid} ${e.tid}`, (busy.get(`${e.pid} ${e.tid}`) ?? 0) + (e.dur ?? 0));
  const [pid, tid] = [...busy]
    .sort((a, b) => b[1] - a[1])[0]![0]
    .split(" ")
    .map(Number);
  const main = { pid, tid };
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur !== undefined);
  const tasks = onMain.filter((e) => e.name === "RunTask" && e.dur! > 50_000);
  let tbt = 0;
  for (const t of tasks) {
    tbt += t.dur! / 1000 - 50;
    const inside = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur!);
    const by = new Map<string, number>();
    for (const e of inside) {
      let key: string | undefined;
      if (
        e.name === "FunctionCall" ||
        e.name === "EvaluateScript" ||
        e.name === "TimerFire" ||
        e.name === "FireAnimationFrame" ||
        e.name === "EventDispatch"
      ) {
        const d = e.args?.data ?? {};
        key = `${e.name} ${String(d.functionName ?? d.type ?? "")} ${String(d.url ?? "").replace(/^.*\//, "")}`;
      } else if (
        [
          "Layout",
          "UpdateLayoutTree",
          "Paint",
          "ParseHTML",
          "ParseAuthorStyleSheet",
          "v8.compile",
          "MajorGC",
          "MinorGC",
        ].includes(e.name)
      )
        key = e.name;
      if (key) by.set(key, (by.get(key) ?? 0) + e.dur! / 1000);
    }
    const top = [...by]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 7)
      .map(([k, v]) => `${v.toFixed(0)} ${k}`);
    console.log(`${((t.ts - nav) / 1000).toFixed(0)} ms +${(t.dur! / 1000).toFixed(0)}: ${top.join(" | ")}`);
  }
  console.log(`tasks over 50 ms: ${tasks.length}; their time over 50 ms: ${tbt.toFixed(0)} ms`);
}

void main();
