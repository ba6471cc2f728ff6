import { z } from "zod";

/**
 * Every schema module takes `z` from here, so this runs before any schema is built or parsed. In the
 * browser (pages and the runs Web Worker) zod must not probe `new Function`: our CSP has no
 * 'unsafe-eval' and Chromium reports each probe as a violation. The server keeps the compiled parsers.
 */
const inBrowser = typeof window !== "undefined" || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined";
if (inBrowser) z.config({ jitless: true });

export { z };
