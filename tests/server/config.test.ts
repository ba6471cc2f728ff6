import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, getConfig, loadConfig, type Env } from "@/lib/server/config";
import { setEnv } from "./helpers";

function problems(env: Env): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message.split("\n");
  }
  throw new Error("expected a configuration error");
}

function agentsFile(content: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-cfg-"));
  const file = path.join(dir, "agents.json");
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("loadConfig", () => {
  it("has safe defaults: one local agent on loopback, token auth on", () => {
    const c = loadConfig({});
    expect(c.agents).toEqual([{ id: "local", name: "Local agent", url: "http://127.0.0.1:3840", tokenAuth: true }]);
    expect(c).toMatchObject({
      host: "127.0.0.1",
      port: 3841,
      agentTimeoutMs: 5000,
      pollIntervalMs: 1000,
      uiPollIntervalMs: 2000,
      historyDays: 30,
      trustProxy: false,
      metricsPerRun: false,
      allowedHosts: [],
    });
    expect(c.dashboardPassword).toBeUndefined();
    // With a password, loopback clients sign in too unless trusted on purpose; state goes under ./data.
    expect(c.loopbackTrusted).toBe(false);
    expect(c.dataDir).toBe(path.join(process.cwd(), "data"));
    expect(loadConfig({ DATA_DIR: "state/deck", LOOPBACK_TRUSTED: "true" })).toMatchObject({
      dataDir: path.join(process.cwd(), "state/deck"),
      loopbackTrusted: true,
    });
  });

  it("reads every setting", () => {
    const c = loadConfig({
      AGENT_URL: "http://127.0.0.1:4000/",
      AGENT_NAME: " Office PC ",
      AGENT_TOKEN_AUTH: "false",
      HOST: "0.0.0.0",
      PORT: "8080",
      AGENT_TIMEOUT_MS: "2500",
      POLL_INTERVAL_MS: "500",
      UI_POLL_INTERVAL_MS: "3000",
      ALLOWED_HOSTS: "Dash.LAN, 10.0.0.5:8080",
      TRUST_PROXY: "true",
      DASHBOARD_PASSWORD: "correct horse",
      DASHBOARD_VIEW_PASSWORD: "view only please",
      METRICS_PER_RUN: "true",
      HISTORY_DAYS: "7",
    });
    expect(c.agents).toEqual([{ id: "local", name: "Office PC", url: "http://127.0.0.1:4000", tokenAuth: false }]);
    expect(c).toMatchObject({
      host: "0.0.0.0",
      port: 8080,
      agentTimeoutMs: 2500,
      pollIntervalMs: 500,
      uiPollIntervalMs: 3000,
      allowedHosts: ["dash.lan", "10.0.0.5:8080"],
      trustProxy: true,
      metricsPerRun: true,
      historyDays: 7,
    });
  });

  it.each([
    [
      { AGENT_TIMEOUT_MS: "abc" },
      'agent-deck: invalid configuration: AGENT_TIMEOUT_MS must be a whole number of milliseconds between 100 and 120000 (got "abc")',
    ],
    [
      { AGENT_TIMEOUT_MS: "50" },
      'agent-deck: invalid configuration: AGENT_TIMEOUT_MS must be a whole number of milliseconds between 100 and 120000 (got "50")',
    ],
    [
      { PORT: "70000" },
      'agent-deck: invalid configuration: PORT must be a TCP port number between 1 and 65535 (got "70000")',
    ],
    [
      { POLL_INTERVAL_MS: "1.5" },
      'agent-deck: invalid configuration: POLL_INTERVAL_MS must be a whole number of milliseconds between 100 and 60000 (got "1.5")',
    ],
    [
      { UI_POLL_INTERVAL_MS: "-1" },
      'agent-deck: invalid configuration: UI_POLL_INTERVAL_MS must be a whole number of milliseconds between 250 and 600000 (got "-1")',
    ],
    [
      { HISTORY_DAYS: "0" },
      'agent-deck: invalid configuration: HISTORY_DAYS must be a whole number of days between 1 and 3650 (got "0")',
    ],
    [
      { AGENT_TOKEN_AUTH: "yes" },
      'agent-deck: invalid configuration: AGENT_TOKEN_AUTH must be "true" or "false" (got "yes")',
    ],
    [
      { LOOPBACK_TRUSTED: "yes" },
      'agent-deck: invalid configuration: LOOPBACK_TRUSTED must be "true" or "false" (got "yes")',
    ],
    [
      { DATA_DIR: "data\nx" },
      'agent-deck: invalid configuration: DATA_DIR must be a directory path on one line (got "data\\nx")',
    ],
    [{ TRUST_PROXY: "1" }, 'agent-deck: invalid configuration: TRUST_PROXY must be "true" or "false" (got "1")'],
    [
      { METRICS_PER_RUN: "on" },
      'agent-deck: invalid configuration: METRICS_PER_RUN must be "true" or "false" (got "on")',
    ],
    [
      { AGENT_URL: "ftp://x" },
      'agent-deck: invalid configuration: AGENT_URL must be an http:// URL without credentials or query, such as http://127.0.0.1:3840 (got "ftp://x")',
    ],
    [
      { AGENT_URL: "http://127.0.0.1:3840/?token=SECRET" },
      'agent-deck: invalid configuration: AGENT_URL must be an http:// URL without credentials or query, such as http://127.0.0.1:3840 (got "http://127.0.0.1:3840/?***")',
    ],
    [
      { AGENT_NAME: "two\nlines" },
      'agent-deck: invalid configuration: AGENT_NAME must be 1 to 100 characters of plain text on one line (got "two\\nlines")',
    ],
    [
      { ALLOWED_HOSTS: "ok.lan,bad host" },
      'agent-deck: invalid configuration: ALLOWED_HOSTS entries must be host names with an optional port, such as dashboard.lan or 192.168.1.5:3841 (got "bad host")',
    ],
    [
      { HOST: "0.0.0.0" },
      'agent-deck: invalid configuration: HOST is "0.0.0.0", which serves beyond this machine: set DASHBOARD_PASSWORD as well, or use HOST=127.0.0.1',
    ],
    [
      { DASHBOARD_PASSWORD: "short" },
      "agent-deck: invalid configuration: DASHBOARD_PASSWORD must be at least 8 characters long",
    ],
    [
      { DASHBOARD_VIEW_PASSWORD: "viewer-password" },
      "agent-deck: invalid configuration: DASHBOARD_VIEW_PASSWORD needs DASHBOARD_PASSWORD to be set too",
    ],
  ] as [Env, string][])("%o gives exactly its one line", (env, line) => {
    expect(problems(env)).toEqual([line]);
  });

  it("reports every bad setting, one line each", () => {
    const lines = problems({ PORT: "x", AGENT_TIMEOUT_MS: "y" });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^agent-deck: invalid configuration: PORT /);
    expect(lines[1]).toMatch(/^agent-deck: invalid configuration: AGENT_TIMEOUT_MS /);
  });

  it("treats an empty variable as unset", () => {
    expect(loadConfig({ PORT: "", AGENT_URL: "" }).port).toBe(3841);
  });

  it("loopback HOST values need no password; others do", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
      expect(loadConfig({ HOST: host }).host).toBe(host);
    expect(loadConfig({ HOST: "0.0.0.0", DASHBOARD_PASSWORD: "long enough" }).dashboardPassword).toBe("long enough");
  });

  describe("AGENTS_FILE", () => {
    it("replaces the single local agent", () => {
      const file = agentsFile([
        { id: "office", name: "Office", url: "http://127.0.0.1:3840" },
        { id: "nas-2", name: "NAS", url: "http://127.0.0.1:3850", tokenAuth: false },
      ]);
      const c = loadConfig({ AGENTS_FILE: file, AGENT_URL: "http://ignored:1" });
      expect(c.agents).toEqual([
        { id: "office", name: "Office", url: "http://127.0.0.1:3840", tokenAuth: true },
        { id: "nas-2", name: "NAS", url: "http://127.0.0.1:3850", tokenAuth: false },
      ]);
    });

    it("names the entry index and id of a duplicate", () => {
      const file = agentsFile([
        { id: "a", name: "A", url: "http://127.0.0.1:1" },
        { id: "a", name: "B", url: "http://127.0.0.1:2" },
      ]);
      expect(problems({ AGENTS_FILE: file })).toEqual([
        'agent-deck: invalid configuration: AGENTS_FILE entry 1 (id "a"): id "a" is used by an earlier entry; ids must be unique',
      ]);
    });

    it("names the entry and field of an invalid entry", () => {
      const file = agentsFile([
        { id: "ok", name: "A", url: "http://127.0.0.1:1" },
        { id: "Bad Id", name: "B", url: "http://127.0.0.1:2" },
        { id: "c", name: "C", url: "nope" },
        { id: "d", name: "D", url: "http://x:1", extra: 1 },
      ]);
      expect(problems({ AGENTS_FILE: file })).toEqual([
        'agent-deck: invalid configuration: AGENTS_FILE entry 1 (id "Bad Id"): id is missing or invalid (a lowercase slug such as "office-pc")',
        'agent-deck: invalid configuration: AGENTS_FILE entry 2 (id "c"): url must be an http:// URL without credentials or query, such as http://127.0.0.1:3840 (got "nope")',
        'agent-deck: invalid configuration: AGENTS_FILE entry 3 (id "d"): unknown field "extra" (allowed: id, name, url, tokenAuth)',
      ]);
    });

    it("explains an unreadable, non-JSON or empty file", () => {
      expect(problems({ AGENTS_FILE: "/nonexistent/agents.json" })).toEqual([
        'agent-deck: invalid configuration: AGENTS_FILE cannot be read (ENOENT): "/nonexistent/agents.json"',
      ]);
      const bad = agentsFile("{not json");
      expect(problems({ AGENTS_FILE: bad })[0]).toBe(
        `agent-deck: invalid configuration: AGENTS_FILE ${JSON.stringify(bad)} is not valid JSON`,
      );
      expect(problems({ AGENTS_FILE: agentsFile([]) })[0]).toMatch(/must hold a non-empty JSON list/);
    });
  });
});

describe("getConfig", () => {
  it("memoises, and re-reads when the environment changes", () => {
    const restore = setEnv({ PORT: "4001", AGENT_TIMEOUT_MS: undefined });
    try {
      const a = getConfig();
      expect(a.port).toBe(4001);
      expect(getConfig()).toBe(a);
      process.env.PORT = "4002";
      expect(getConfig().port).toBe(4002);
      process.env.AGENT_TIMEOUT_MS = "abc";
      expect(() => getConfig()).toThrow(/AGENT_TIMEOUT_MS must be/);
    } finally {
      restore();
    }
  });
});
