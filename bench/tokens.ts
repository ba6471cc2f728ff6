/*
 * `npm run bench:tokens`: what checking an API token costs a request, side by side with what a
 * slow password hash would cost, on a store holding 1,000 tokens: the SHA-256 of the token alone,
 * the whole check (hash, the indexed lookup, the throttled "last used"), and scrypt with the
 * parameters the session key uses (N=2^15, r=8), the price a password-style hash would add to
 * every scripted call. Prints a table and writes bench/out/tokens.json.
 */
import { scryptSync } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { openDatabase } from "../lib/server/store/open";
import { TokenStore } from "../lib/server/store/tokens";
import { createToken, hashToken } from "../lib/server/tokens";

const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-bench-tokens-"));
const db = openDatabase(dir);
const store = new TokenStore(db);
const secrets: string[] = [];
for (let i = 0; i < 1000; i++) secrets.push(createToken(store, { name: `token-${i}`, scope: "read" }, "bench").secret);

function perCall(n: number, fn: (i: number) => void): { us: number; n: number } {
  for (let i = 0; i < Math.min(n, 1000); i++) fn(i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  return { us: Number(process.hrtime.bigint() - start) / 1000 / n, n };
}

const now = Date.now();
const rows: [string, { us: number; n: number }][] = [
  ["SHA-256 of a token", perCall(200_000, (i) => hashToken(secrets[i % 1000]!))],
  // The same instant each time: "last used" is written once per token, then throttled, as in use.
  [
    "whole check: hash + lookup + last used (valid token)",
    perCall(200_000, (i) => store.use(hashToken(secrets[i % 1000]!), now)),
  ],
  [
    "whole check (unknown token)",
    perCall(200_000, (i) => store.use(hashToken(`adk_${String(i).padStart(43, "x")}`), now)),
  ],
  [
    "scrypt N=2^15 r=8 (a password-style hash, for comparison)",
    perCall(5, (i) => scryptSync(secrets[i]!, "salt", 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 })),
  ],
];
db.close();
rmSync(dir, { recursive: true, force: true });

const width = Math.max(...rows.map(([name]) => name.length));
process.stdout.write(`load average ${loadavg()[0]!.toFixed(1)}; per call, ${rows.length} measures\n`);
for (const [name, r] of rows)
  process.stdout.write(
    `${name.padEnd(width)}  ${r.us >= 1000 ? `${(r.us / 1000).toFixed(1)} ms` : `${r.us.toFixed(2)} µs`}  (${r.n} calls)\n`,
  );
mkdirSync(path.join(__dirname, "out"), { recursive: true });
writeFileSync(
  path.join(__dirname, "out", "tokens.json"),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      load: loadavg()[0],
      perCallMicroseconds: Object.fromEntries(rows.map(([k, v]) => [k, v.us])),
    },
    null,
    2,
  ),
);
