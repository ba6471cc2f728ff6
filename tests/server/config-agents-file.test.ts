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
    expect(c.agents.map((a) => [a.id, a.deck === undefined && a.tokenAuth])).toEqual([
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

describe("AGENTS_FILE entries for agents behind another Agent Deck (a hub)", () => {
  const TOKEN = `adk_${"a".repeat(43)}`;
  const deck = (over: Record<string, unknown> = {}) => ({
    id: "pc2",
    name: "PC 2",
    deck: "http://pc2.lan:3841/",
    agent: "local",
    ...over,
  });
  const caFile = (content: string) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "agent-deck-ca-")), "ca.pem");
    writeFileSync(file, content);
    return file;
  };
  const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
  const linesWith = (entry: unknown, env: Record<string, string> = {}) => {
    try {
      loadConfig({ AGENTS_FILE: fileWith([entry]), ...env });
    } catch (err) {
      return (err as Error).message.split("\n").map((l) => l.replace("agent-deck: invalid configuration: ", ""));
    }
    throw new Error("expected a configuration error");
  };

  it("reads deck, agent, token (or tokenEnv) and ca beside local agents", () => {
    const c = loadConfig({
      AGENTS_FILE: fileWith([
        { id: "here", name: "Here", url: "http://127.0.0.1:3840" },
        deck({ token: TOKEN }),
        deck({ id: "nas", deck: "https://nas.lan/deck", tokenEnv: "NAS_TOKEN", ca: caFile(PEM) }),
        deck({ id: "open", deck: "http://127.0.0.1:3851" }),
      ]),
      NAS_TOKEN: ` ${TOKEN} `,
    });
    expect(c.agents).toEqual([
      { id: "here", name: "Here", url: "http://127.0.0.1:3840", tokenAuth: true },
      { id: "pc2", name: "PC 2", deck: { url: "http://pc2.lan:3841", agent: "local", token: TOKEN } },
      { id: "nas", name: "PC 2", deck: { url: "https://nas.lan/deck", agent: "local", token: TOKEN, ca: PEM } },
      { id: "open", name: "PC 2", deck: { url: "http://127.0.0.1:3851", agent: "local" } },
    ]);
  });

  it.each([
    [deck({ url: "http://127.0.0.1:3840" }), "not both"],
    [deck({ tokenAuth: true }), 'unknown field "tokenAuth" (allowed: id, name, deck, agent, token, tokenEnv, ca)'],
    [deck({ agent: "Local PC" }), "agent is missing or invalid (the agent's id on that deck"],
    [deck({ agent: undefined }), "agent is missing or invalid"],
    [deck({ deck: "ftp://pc2.lan/" }), "deck must be the http:// or https:// address of an Agent Deck"],
    [deck({ token: "adk_short" }), "token must be an API token of that deck: adk_ and 43 characters"],
    [deck({ token: TOKEN, tokenEnv: "X" }), "as token or through tokenEnv, not both"],
    [deck({ tokenEnv: "NOT SET" }), "tokenEnv must name an environment variable"],
    [deck({ tokenEnv: "PC2_TOKEN" }), "tokenEnv names PC2_TOKEN, which is not set"],
    [deck({ ca: "/nowhere/ca.pem", deck: "https://pc2.lan" }), 'ca cannot be read (ENOENT): "/nowhere/ca.pem"'],
    [deck({ ca: caFile(PEM) }), "ca is the certificate of an https:// deck"],
  ] as [unknown, string][])("%o → one line naming the entry and the field", (entry, part) => {
    const got = linesWith(entry);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^AGENTS_FILE entry 0 \(id "pc2"\): /);
    expect(got[0]).toContain(part);
  });

  it("a token in tokenEnv must be a token; a PEM file must hold a certificate", () => {
    expect(linesWith(deck({ tokenEnv: "PC2_TOKEN" }), { PC2_TOKEN: "hunter2" })).toEqual([
      'AGENTS_FILE entry 0 (id "pc2"): PC2_TOKEN (tokenEnv) must hold an API token of that deck: adk_ and 43 characters, made there with npm run token -- create --name hub --scope operate',
    ]);
    const file = caFile("not a certificate");
    expect(linesWith(deck({ deck: "https://pc2.lan", ca: file }))).toEqual([
      `AGENTS_FILE entry 0 (id "pc2"): ca "${file}" holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
    ]);
  });

  it("never echoes a deck's address or token, even a malformed one", () => {
    const secret = `adk_${"s".repeat(42)}`;
    const text = [
      ...linesWith(deck({ token: secret })),
      ...linesWith(deck({ deck: "http://user:pw@secret-host.lan:3841/?token=SECRET" })),
      ...linesWith(deck({ tokenEnv: "PC2_TOKEN" }), { PC2_TOKEN: secret }),
    ].join("\n");
    expect(text).not.toContain(secret);
    expect(text).not.toContain("SECRET");
    expect(text).not.toContain("secret-host");
    expect(text).not.toContain("pw@");
  });
});
