#!/usr/bin/env node
// Next's standalone output leaves out the static assets and public/; copy them in so that
// `node .next/standalone/server.js` serves the whole app on its own (docs/operations.md).
import { cpSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const standalone = path.join(root, ".next", "standalone");
if (!existsSync(standalone)) process.exit(0);
cpSync(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
if (existsSync(path.join(root, "public"))) cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
console.log("agent-deck: standalone server ready: node .next/standalone/server.js");
