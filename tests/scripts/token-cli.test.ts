import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { plans } from "../../scripts/lib/launch-plans.cjs";
import { collectNode } from "../../scripts/lib/spawn-node.cjs";

/*
 * `npm run token` as a person runs it: the real script in its own node process, on a real DATA_DIR.
 * (e2e/tokens-cli.spec.ts uses what it makes against a running dashboard.)
 */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), "agent-deck-token-cli-"));
  dirs.push(d);
  return d;
}

async function token(dir: string, ...args: string[]) {
  const r = await collectNode(plans.token(args), { env: { ...process.env, DATA_DIR: dir }, timeoutMs: 30_000 });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

// Each call is a node process loading TypeScript through tsx: about a second, several under load.
describe("npm run token", { timeout: 180_000 }, () => {
  it("create prints the token alone on stdout, once; list shows it without it; revoke by name or id", async () => {
    const dir = dataDir();
    const made = await token(dir, "create", "--name", "nightly backup", "--scope", "operate");
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(/^adk_[A-Za-z0-9_-]{43}\n$/);
    expect(made.err).toMatch(/Created API token "nightly backup" \(operate, id 1\)\. It is shown only this once/);
    const secret = made.out.trim();
    const second = await token(dir, "create", "--name", "wall", "--scope", "read");
    expect(second.code).toBe(0);

    const list = await token(dir, "list");
    expect(list.code).toBe(0);
    const lines = list.out.trim().split("\n");
    expect(lines[0]).toMatch(/^ID\s+NAME\s+SCOPE\s+TOKEN\s+CREATED\s+LAST USED$/);
    expect(lines[1]).toMatch(/^2\s+wall\s+read\s+adk_\S{4}…\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+never$/);
    expect(lines[2]).toMatch(/^1\s+nightly backup\s+operate\s+/);
    expect(list.out).not.toContain(secret.slice(8));
    const json = JSON.parse((await token(dir, "list", "--json")).out) as { tokens: { id: number; name: string }[] };
    expect(json.tokens.map((t) => t.name)).toEqual(["wall", "nightly backup"]);
    expect(JSON.stringify(json)).not.toContain(secret.slice(8));

    expect((await token(dir, "revoke", "NIGHTLY BACKUP")).code).toBe(0);
    const byId = await token(dir, "revoke", "2");
    expect(byId.code).toBe(0);
    expect(byId.err).toMatch(/Revoked API token "wall" \(read, id 2\)/);
    expect(JSON.parse((await token(dir, "list", "--json")).out)).toEqual({ tokens: [] });
    const gone = await token(dir, "revoke", "wall");
    expect(gone.code).toBe(1);
    expect(gone.err).toMatch(/There is no API token named "wall"/);

    // Only hashes in the file, and each change is in the event log with the command line as actor.
    const db = new Database(path.join(dir, "agent-deck.sqlite"), { readonly: true });
    const events = db.prepare("SELECT agent, kind, message, actor FROM events ORDER BY id").all() as {
      agent: string;
      kind: string;
      message: string;
      actor: string;
    }[];
    db.close();
    expect(events.map((e) => [e.agent, e.kind, e.message])).toEqual([
      ["", "token_created", 'API token "nightly backup" (operate) was created'],
      ["", "token_created", 'API token "wall" (read) was created'],
      ["", "token_revoked", 'API token "nightly backup" (operate) was revoked'],
      ["", "token_revoked", 'API token "wall" (read) was revoked'],
    ]);
    expect(events[0]?.actor).toMatch(/^command line/);
  });

  it("misuse is exit 2 with the usage and touches nothing; a bad DATA_DIR is exit 1 naming it", async () => {
    const dir = dataDir();
    for (const args of [
      ["create", "--name", "x", "--scope", "root"],
      ["create", "--scope", "read"],
      ["create", "--name", 'say "hi"', "--scope", "read"],
      ["list", "--yaml"],
      ["revoke"],
      ["rotate"],
      [],
    ]) {
      const r = await token(dir, ...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.err, args.join(" ")).toContain("Usage: npm run token");
      expect(r.out).toBe("");
    }
    expect(existsSync(path.join(dir, "agent-deck.sqlite"))).toBe(false);
    const file = path.join(dataDir(), "not-a-dir");
    writeFileSync(file, "x");
    const bad = await collectNode(plans.token(["list"]), { env: { ...process.env, DATA_DIR: file } });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toMatch(
      /^agent-deck: invalid configuration: DATA_DIR: ".*not-a-dir" is not a directory[^\n]*$/,
    );
  });

  it("a duplicate name is refused (exit 1) and the first token stays", async () => {
    const dir = dataDir();
    expect((await token(dir, "create", "--name", "hub", "--scope", "read")).code).toBe(0);
    const again = await token(dir, "create", "--name", "HUB", "--scope", "admin");
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/A token named "HUB" exists already/);
    expect(again.out).toBe("");
    expect(JSON.parse((await token(dir, "list", "--json")).out)).toMatchObject({
      tokens: [{ name: "hub", scope: "read" }],
    });
  });
});
