import http from "node:http";

/**
 * A small keep-alive HTTP load generator: Node's fetch costs too much per request to measure a
 * server at 100,000 requests on two cores, so this uses http.request with a pooled agent.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; ms: number; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `total` GETs spread over `concurrency` workers, cycling through `urls`; returns latencies. */
export async function hammer(
  urls: string[],
  total: number,
  concurrency: number,
): Promise<{ latencies: number[]; failures: number }> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  async function worker() {
    while (next < total) {
      const i = next++;
      try {
        const r = await get(urls[i % urls.length]!);
        latencies.push(r.ms);
        if (r.status >= 400) failures++;
      } catch {
        failures++;
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, failures };
}

/** `viewers` independent pollers each GETting every URL once per `intervalMs` for `durationMs`. */
export async function pollers(urls: string[], viewers: number, intervalMs: number, durationMs: number) {
  const latencies: number[] = [];
  let failures = 0;
  const end = Date.now() + durationMs;
  async function viewer(offset: number) {
    await new Promise((r) => setTimeout(r, offset));
    while (Date.now() < end) {
      const tickStart = Date.now();
      await Promise.all(
        urls.map((u) =>
          get(u).then(
            (r) => {
              latencies.push(r.ms);
              if (r.status >= 400) failures++;
            },
            () => failures++,
          ),
        ),
      );
      await new Promise((r) => setTimeout(r, Math.max(0, intervalMs - (Date.now() - tickStart))));
    }
  }
  await Promise.all(Array.from({ length: viewers }, (_, i) => viewer((i * intervalMs) / viewers)));
  return { latencies, failures };
}

export function rssOf(pid: number): Promise<number> {
  return import("node:fs/promises").then(async (fs) => {
    const status = await fs.readFile(`/proc/${pid}/status`, "utf8");
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb * 1024;
  });
}
