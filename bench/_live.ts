import { spawn } from "node:child_process";
import { startSimulator } from "../tests/support/processes";
import { hammer, rssOf } from "./load";
(async () => {
  const sim = await startSimulator(["--runs", "100"]);
  const child = spawn(process.execPath, ["--inspect=127.0.0.1:9339", ...(process.env.FLAGS ? process.env.FLAGS.split(" ") : []), "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", "4655"], { env: { ...process.env, AGENT_URL: sim.url, HOST: "127.0.0.1", PORT: "4655" }, stdio: ["ignore", "pipe", "pipe"] });
  let out = ""; child.stdout.on("data", (d) => (out += d)); child.stderr.on("data", (d) => (out += d));
  while (!/Ready in/.test(out)) await new Promise((r) => setTimeout(r, 100));
  const list = await (await fetch("http://127.0.0.1:9339/json/list")).json() as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(list[0]!.webSocketDebuggerUrl);
  await new Promise((r) => ws.addEventListener("open", r));
  let id = 0;
  const call = (method: string) => new Promise<any>((resolve) => { const my = ++id; const on = (e: MessageEvent) => { const m = JSON.parse(String(e.data)); if (m.id === my) { ws.removeEventListener("message", on); resolve(m.result); } }; ws.addEventListener("message", on); ws.send(JSON.stringify({ id: my, method })); });
  const base = "http://127.0.0.1:4655/api/agents/local";
  const urls = [`${base}/client`, `${base}/runs`, `${base}/tags`, `http://127.0.0.1:4655/api/health`, `${base}/history`];
  let done = 0;
  for (const n of [1000, 4000, 5000, 10000, 10000]) {
    await hammer(urls, n, 20); done += n;
    const rss1 = await rssOf(child.pid!);
    await call("HeapProfiler.collectGarbage");
    const h = await call("Runtime.getHeapUsage");
    console.log(done, "rss", (rss1 / 1e6).toFixed(0), "live", (h.usedSize / 1e6).toFixed(1), "total", (h.totalSize / 1e6).toFixed(1), "rss after gc", ((await rssOf(child.pid!)) / 1e6).toFixed(0));
  }
  ws.close(); child.kill("SIGTERM"); await new Promise((r) => child.once("exit", r)); await sim.stop();
})();
