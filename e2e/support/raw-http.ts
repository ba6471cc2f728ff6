import http from "node:http";
import { gunzipSync } from "node:zlib";

/**
 * A GET that shows the wire as it is: the bytes as sent (not decompressed, unlike browsers and
 * Playwright's request context) and the headers, so compression and ETags can be checked.
 */
export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; raw: Buffer; text: () => string };

export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const text = () => (res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text });
      });
    });
    req.on("error", reject);
  });
}

/**
 * Pauses the simulated agent and waits until the dashboard's collector has seen it, then one more
 * poll: from then on the runs list stands still (same list, same ETag) until something moves it.
 */
export async function pauseAndSettle(
  control: { setState(state: Record<string, unknown>): Promise<unknown> },
  dashboardUrl: string,
): Promise<void> {
  await control.setState({ paused: true });
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const status = await rawGet(`${dashboardUrl}/api/agents/local/client`);
    if (status.status === 200 && (JSON.parse(status.text()) as { paused?: boolean }).paused === true) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1500));
}
