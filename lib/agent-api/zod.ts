import { config } from "zod/mini";

/**
 * The schemas shared by the server and the browser use zod/mini: its functional API lets the bundler
 * keep only what they use (about 8 KB gzipped in the browser, against 32 KB for classic zod's
 * chainable schemas and 90 KB with every locale). Server-only code may use classic zod freely.
 *
 * Every schema module takes zod from here (`import * as z from "@/lib/agent-api/zod"`), so this runs
 * before any schema is built or parsed. In the browser (pages and the runs Web Worker) zod must not
 * probe `new Function`: our CSP has no 'unsafe-eval' and Chromium reports each probe as a violation.
 * The server keeps the compiled parsers.
 */
const inBrowser =
  typeof window !== "undefined" ||
  typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined";
if (inBrowser) config({ jitless: true });

export * from "zod/mini";
