import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../tests/support/processes";

/**
 * The real Prometheus server (Debian's `prometheus` package; PROMETHEUS_PATH overrides), started
 * for one spec: its own temp storage, a free loopback port, a short scrape and evaluation interval,
 * and the project's alerting rules. A native program, so it is started directly, without a shell.
 * The config is JSON, which is YAML too.
 */
export type PromSample = { metric: Record<string, string>; value: [number, string] };
export type Prometheus = {
  url: string;
  /** An instant query through the HTTP API; throws on a PromQL error, naming the expression. */
  query: (expr: string) => Promise<PromSample[]>;
  api: <T>(pathAndQuery: string) => Promise<T>;
  output: () => string;
  stop: () => Promise<void>;
};

export type ScrapeJob = { job: string; targets: string[] };

export async function startPrometheus(jobs: ScrapeJob[], ruleFiles: string[], intervalS = 1): Promise<Prometheus> {
  const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-prometheus-"));
  const config = {
    global: { scrape_interval: `${intervalS}s`, evaluation_interval: `${intervalS}s`, scrape_timeout: `${intervalS}s` },
    rule_files: ruleFiles,
    scrape_configs: jobs.map((j) => ({
      job_name: j.job,
      metrics_path: "/api/metrics",
      static_configs: [{ targets: j.targets }],
    })),
  };
  writeFileSync(path.join(dir, "prometheus.yml"), JSON.stringify(config, null, 2));
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.env.PROMETHEUS_PATH || "prometheus",
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--storage.tsdb.retention.time=1h",
    ],
    { stdio: ["ignore", "pipe", "pipe"], windowsHide: true },
  );
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const api = async <T>(pathAndQuery: string): Promise<T> => {
    const res = await fetch(url + pathAndQuery);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== "success") throw new Error(`Prometheus ${pathAndQuery}: ${body.error ?? res.status}`);
    return body.data;
  };
  const query = async (expr: string) => {
    const data = await api<{ resultType: string; result: PromSample[] }>(
      `/api/v1/query?query=${encodeURIComponent(expr)}`,
    ).catch((err: Error) => {
      throw new Error(`${err.message} (query: ${expr})`);
    });
    return data.result;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited early:\n${out}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus not ready after 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, query, api, output: () => out, stop };
}
