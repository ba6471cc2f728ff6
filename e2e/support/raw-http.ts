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
