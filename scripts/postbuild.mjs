#!/usr/bin/env node
// Makes `.next/standalone` a complete service: `node .next/standalone/server.js` runs alone.
// 1. Next's standalone output leaves out the static assets and public/: copy them in.
// 2. The entry is ours (scripts/server-entry.cjs): it creates the HTTP server and puts the request
//    hooks in front of Next (see that file). Next's generated server.js holds the build's
//    configuration; it is kept as next-config.json for the entry to hand to Next.
import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const standalone = path.join(root, ".next", "standalone");
if (!existsSync(standalone)) process.exit(0);
cpSync(path.join(root, ".next", "static"), path.join(standalone, ".next", "static"), { recursive: true });
if (existsSync(path.join(root, "public")))
  cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });

const entry = path.join(standalone, "server.js");
const generated = readFileSync(entry, "utf8");
const MARK = "// agent-deck entry";
if (!generated.startsWith(MARK)) {
  const match = /^const nextConfig = (.*)$/m.exec(generated);
  if (!match?.[1]) {
    console.error("agent-deck: postbuild could not find the configuration in Next's generated server.js");
    process.exit(1);
  }
  writeFileSync(path.join(standalone, "next-config.json"), JSON.stringify(JSON.parse(match[1])));
}
copyFileSync(path.join(root, "scripts", "server-entry.cjs"), entry);
rmSync(path.join(standalone, "next-server.js"), { force: true });
console.log("agent-deck: standalone server ready: node .next/standalone/server.js");
