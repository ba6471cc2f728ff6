import { execFileSync } from "node:child_process";
import { startDashboard, startSimulator } from "../tests/support/processes";
import { hammer, rssOf } from "./load";
(async () => {
  const sim = await startSimulator(["--runs", "100"]);
  const dash = await startDashboard({ AGENT_URL: sim.url, ...(process.env.X ? JSON.parse(process.env.X) : {}) });
  const pid = Number(execFileSync("ps", ["-o", "pid=", "--ppid", String(dash.child.pid)]).toString().trim());
  const base = `${dash.url}/api/agents/local`;
  const urls = [`${base}/client`, `${base}/runs`, `${base}/tags`, `${dash.url}/api/health`, `${base}/history`];
  let done = 0;
  for (const n of [1000, 4000, 5000, 10000]) {
    const t = Date.now();
    const r = await hammer(urls, n, 20);
    done += n;
    const m = await (await fetch(`${dash.url}/api/metrics`)).text();
    const pick = (re: RegExp) => [...m.matchAll(re)].map((x) => `${x[1]}=${(Number(x[2]) / 1e6).toFixed(1)}`).join(" ");
    console.log(done, (await rssOf(pid) / 1e6).toFixed(0), "MB", r.failures, "fail", Math.round(n / ((Date.now() - t) / 1000)), "req/s |", pick(/agentdeck_process_nodejs_heap_space_size_total_bytes\{space="(\w+)"\} (\S+)/g), "|", pick(/agentdeck_process_nodejs_(external_memory)_bytes (\S+)/g), pick(/agentdeck_process_nodejs_heap_size_(used)_bytes (\S+)/g));
  }
  await dash.stop(); await sim.stop();
})();
