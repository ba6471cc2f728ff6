import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { freePort } from "../tests/support/processes";
import { oneConfigLine, startExpectingExit } from "./support/refusal";

/**
 * A DATA_DIR the store cannot use stops `npm start` with one line naming the path and what to do,
 * and whatever file is there is left byte for byte as it was (issue 10, faults).
 */
const STORE = "agent-deck.sqlite";
const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
let root: string;
test.beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "agent-deck-store-startup-"));
});
test.afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

async function refused(dataDir: string, expected: string | RegExp): Promise<void> {
  const r = await startExpectingExit({
    DATA_DIR: dataDir,
    AGENT_URL: "http://127.0.0.1:9",
    PORT: String(await freePort()),
  });
  expect(r.code).toBe(1);
  const lines = oneConfigLine(r.stderr);
  expect(lines).toHaveLength(1);
  if (typeof expected === "string") expect(lines[0]).toBe(expected);
  else expect(lines[0]).toMatch(expected);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

test("DATA_DIR that is a file", async () => {
  const file = path.join(root, "data");
  writeFileSync(file, "not a directory");
  await refused(
    file,
    `agent-deck: invalid configuration: DATA_DIR: ${JSON.stringify(file)} is not a directory; point DATA_DIR at a directory (it is created if missing)`,
  );
  expect(readFileSync(file, "utf8")).toBe("not a directory");
});

test("DATA_DIR that cannot be written", async () => {
  const dir = path.join(root, "read-only");
  mkdirSync(dir);
  // As root, permissions do not stop writes: a read-only mount does. As anyone else, mode 0555 does.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("mount", ["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", dir]);
  else chmodSync(dir, 0o555);
  try {
    await refused(
      dir,
      new RegExp(
        `^agent-deck: invalid configuration: DATA_DIR: ${JSON.stringify(dir).replace(/[/.]/g, "\\$&")} cannot be written \\((EROFS|EACCES)\\); give this user write access to it or point DATA_DIR elsewhere$`,
      ),
    );
  } finally {
    if (asRoot) execFileSync("umount", [dir]);
    else chmodSync(dir, 0o755);
  }
});

test("a damaged store file is refused and left as it is", async () => {
  const file = path.join(root, STORE);
  writeFileSync(file, Buffer.alloc(16_384, 0x41));
  const before = digest(file);
  await refused(
    root,
    `agent-deck: invalid configuration: DATA_DIR: the store ${JSON.stringify(file)} is damaged or not a SQLite database (SQLITE_NOTADB); move it aside to start with a new one (it is left as it is)`,
  );
  expect(digest(file)).toBe(before);
});

test("a store from a newer Agent Deck is refused and left as it is", async () => {
  const file = path.join(root, STORE);
  const db = new Database(file);
  // What a later version leaves: our mark, a schema beyond this one's.
  db.pragma("application_id = 1095189579");
  db.exec("CREATE TABLE future (x)");
  db.pragma("user_version = 99");
  db.close();
  const before = digest(file);
  await refused(
    root,
    /^agent-deck: invalid configuration: DATA_DIR: the store ".*" was written by a newer Agent Deck \(schema 99, this one knows \d+\); run that version, or move the file aside \(it is left as it is\)$/,
  );
  expect(digest(file)).toBe(before);
});
