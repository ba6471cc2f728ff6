#!/usr/bin/env node
// Makes `.next/standalone` a complete service: `node .next/standalone/server.js` runs alone.
// 1. Next's standalone output leaves out the static assets and public/: copy them in.
// 2. Next's generated server.js binds HOSTNAME, default 0.0.0.0 (every interface), on port 3000,
//    while the dashboard's configuration (and its refusal to serve beyond this machine without a
//    password) reads HOST, default 127.0.0.1, and PORT, default 3841. A small entry in front of it
//    makes both agree: the address bound is the address checked.
import { cpSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const standalone = path.join(root, ".next", "standalone");
if (!existsSync(standalone)) process.exit(0);
cpSync(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
if (existsSync(path.join(root, "public"))) cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });

const MARK = "// agent-deck standalone entry";
const entry = path.join(standalone, "server.js");
const nextEntry = path.join(standalone, "next-server.js");
if (!readFileSync(entry, "utf8").startsWith(MARK)) {
  renameSync(entry, nextEntry);
  writeFileSync(
    entry,
    `${MARK}: HOST (or HOSTNAME) and PORT as \`npm start\` reads them, then Next's own server.
const host = process.env.HOST || process.env.HOSTNAME || "127.0.0.1";
process.env.HOST = host;
process.env.HOSTNAME = host;
process.env.PORT = process.env.PORT || "3841";
require("./next-server.js");
`,
  );
}
console.log("agent-deck: standalone server ready: node .next/standalone/server.js");
