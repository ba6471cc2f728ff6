import { gzipSync } from "node:zlib";

/**
 * First-load JavaScript of a page, gzipped, as a browser downloads it on the first visit: every
 * `<script src>` in the server-rendered HTML (Next puts each chunk of the route's initial load
 * there), except `nomodule` ones, which modern browsers skip. Chunks loaded later (lazy imports,
 * the runs worker) are not part of the first load and are not counted.
 */
export type FirstLoad = { totalGzipBytes: number; scripts: { src: string; gzipBytes: number }[] };

export async function firstLoadJs(pageUrl: string): Promise<FirstLoad> {
  const html = await (await fetch(pageUrl)).text();
  const srcs = [...html.matchAll(/<script\b([^>]*)>/g)]
    .map((m) => m[1] ?? "")
    .filter((attrs) => !/\bnomodule\b/i.test(attrs))
    .map((attrs) => /\bsrc="([^"]+)"/.exec(attrs)?.[1])
    .filter((src): src is string => Boolean(src));
  const scripts = await Promise.all(
    [...new Set(srcs)].map(async (src) => {
      const body = Buffer.from(await (await fetch(new URL(src, pageUrl))).arrayBuffer());
      // Level 6: what Next's own compression (zlib's default) sends.
      return { src, gzipBytes: gzipSync(body, { level: 6 }).length };
    }),
  );
  return { totalGzipBytes: scripts.reduce((a, s) => a + s.gzipBytes, 0), scripts };
}
