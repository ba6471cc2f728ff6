import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/server/config";

function fileWith(content: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "agent-deck-agents-")), "agents.json");
  writeFileSync(file, JSON.stringify(content));
  return file;
}

function lines(file: string): string[] {
  try {
    loadConfig({ AGENTS_FILE: file });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message.split("\n");
  }
  throw new Error("expected a configuration error");
}

describe("AGENTS_FILE entries", () => {
  it("defaults tokenAuth to true and accepts false", () => {
    const c = loadConfig({
      AGENTS_FILE: fileWith([
        { id: "a", name: "A", url: "http://127.0.0.1:1" },
        { id: "b", name: "B", url: "http://127.0.0.1:2", tokenAuth: false },
      ]),
    });
    expect(c.agents.map((a) => [a.id, a.tokenAuth])).toEqual([
      ["a", true],
      ["b", false],
    ]);
  });

  it.each([
    [
      { id: "a", name: "A", url: "http://127.0.0.1:1", tokenAuth: "false" },
      'AGENTS_FILE entry 0 (id "a"): tokenAuth is missing or invalid (true or false)',
    ],
    [{ id: "a", url: "http://127.0.0.1:1" }, 'AGENTS_FILE entry 0 (id "a"): name is missing or invalid'],
    [
      { name: "A", url: "http://127.0.0.1:1" },
      'AGENTS_FILE entry 0: id is missing or invalid (a lowercase slug such as "office-pc")',
    ],
    [
      { id: "a/b", name: "A", url: "http://127.0.0.1:1" },
      'AGENTS_FILE entry 0 (id "a/b"): id is missing or invalid (a lowercase slug such as "office-pc")',
    ],
    [
      { id: "a", name: "A", url: "http://127.0.0.1:1/?token=SECRET" },
      'AGENTS_FILE entry 0 (id "a"): url must be an http:// URL without credentials or query, such as http://127.0.0.1:3840 (got "http://127.0.0.1:1/?***")',
    ],
    ["office", "AGENTS_FILE entry 0: entry is missing or invalid"],
  ] as [unknown, string][])("%o → one line naming AGENTS_FILE and the entry", (entry, line) => {
    expect(lines(fileWith([entry]))).toEqual([`agent-deck: invalid configuration: ${line}`]);
  });

  it("never echoes a token found in a URL", () => {
    const message = lines(fileWith([{ id: "a", name: "A", url: "http://user:pw@127.0.0.1:1/?token=SECRET" }])).join(
      "\n",
    );
    expect(message).not.toContain("SECRET");
    expect(message).not.toContain("pw");
  });
});
