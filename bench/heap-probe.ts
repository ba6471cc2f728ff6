// What grows on the agent page: `npx tsx bench/heap-probe.ts [seconds]` (after `npm run build`) opens
// it at 5,000 runs, takes a heap snapshot after 60 s and another [seconds] later (180 by default),
// and prints the 40 kinds of object that grew most. It found the prefetched run pages that the
// bench's heap row showed as growth.
import { chromium } from "@playwright/test";
import { stack, sleep } from "./common";
import { launchOptions } from "./browser";

async function counts(page: import("@playwright/test").Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  let chunks = "";
  cdp.on("HeapProfiler.addHeapSnapshotChunk", (e) => (chunks += e.chunk));
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  const snap = JSON.parse(chunks) as {
    snapshot: { meta: { node_fields: string[]; node_types: string[][] } };
    nodes: number[];
    strings: string[];
  };
  const f = snap.snapshot.meta.node_fields;
  const nf = f.length,
    iName = f.indexOf("name"),
    iSize = f.indexOf("self_size"),
    iType = f.indexOf("type");
  const types = snap.snapshot.meta.node_types[0]!;
  const m = new Map<string, { n: number; size: number }>();
  for (let i = 0; i < snap.nodes.length; i += nf) {
    const key = `${types[snap.nodes[i + iType]!]}:${snap.strings[snap.nodes[i + iName]!]!.slice(0, 60)}`;
    const e = m.get(key) ?? { n: 0, size: 0 };
    e.n++;
    e.size += snap.nodes[i + iSize]!;
    m.set(key, e);
  }
  return m;
}

async function main() {
  const st = await stack(5000, { UI_POLL_INTERVAL_MS: "500" });
  const browser = await chromium.launch(launchOptions);
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${st.dash.url}/agents/local`);
  await page.locator("tbody [role=progressbar]").first().waitFor({ timeout: 60_000 });
  await sleep(60_000);
  const a = await counts(page);
  await sleep(Number(process.argv[2] ?? 180) * 1000);
  const b = await counts(page);
  const diff = [...b.entries()].map(([k, v]) => ({
    k,
    dn: v.n - (a.get(k)?.n ?? 0),
    ds: v.size - (a.get(k)?.size ?? 0),
  }));
  diff.sort((x, y) => y.ds - x.ds);
  for (const d of diff.slice(0, 40))
    console.log(`${(d.ds / 1024).toFixed(0).padStart(8)} KB ${String(d.dn).padStart(8)}  ${d.k}`);
  await browser.close();
  await st.stop();
}
void main();
