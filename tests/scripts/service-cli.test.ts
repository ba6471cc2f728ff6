import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { plans } from "../../scripts/lib/launch-plans.cjs";
import { collectNode } from "../../scripts/lib/spawn-node.cjs";

/*
 * `npm run service -- …` as a user runs it, with --dry-run (tests never enable a service on this
 * machine) and a home folder of its own: what it prints, what it refuses, and that it writes nothing.
 */
const SECRET = "correct horse $battery";
function service(args: string[], env: Record<string, string> = {}) {
  const home = mkdtempSync(path.join(tmpdir(), "agent-deck-home-"));
  const run = collectNode(plans.service(args), {
    // Only what a shell would hand over: no setting of the test runner's own.
    env: {
      PATH: process.env.PATH ?? "",
      HOME: home,
      AGENT_URL: "http://127.0.0.1:3840",
      DASHBOARD_PASSWORD: SECRET,
      ...env,
    },
  });
  return run.then((r) => ({ ...r, home }));
}

describe("npm run service -- install --dry-run", () => {
  it("prints the unit and the settings file (secrets masked) and the commands, and writes nothing", async () => {
    const r = await service(["install", "--dry-run"], { AGENT_NAME: "Office PC", EDITOR: "vim" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "Agent Deck as a systemd user unit, settings: AGENT_URL, AGENT_NAME, DASHBOARD_PASSWORD (secret), DATA_DIR",
    );
    expect(r.stdout).toContain(`--- ${r.home}/.config/agent-deck/agent-deck.env (mode 0600)`);
    expect(r.stdout).toContain(`--- ${r.home}/.config/systemd/user/agent-deck.service (mode 0644)`);
    expect(r.stdout).toContain(`ExecStart=${process.execPath} ${path.resolve(__dirname, "../../scripts/start.mjs")}`);
    expect(r.stdout).toContain('AGENT_NAME="Office PC"');
    expect(r.stdout).toContain('DASHBOARD_PASSWORD="(secret, not shown)"');
    expect(r.stdout).not.toContain("battery");
    expect(r.stdout).not.toContain("EDITOR");
    expect(r.stdout).toMatch(
      /Would run:\n {2}systemctl --user daemon-reload\n {2}systemctl --user enable agent-deck\.service\n {2}systemctl --user restart agent-deck\.service\n/,
    );
    expect(r.stdout).toContain("Logs:    journalctl --user -u agent-deck -f");
    expect(readdirSync(r.home)).toEqual([]);
  });

  it("--system prints a system unit with its settings in /etc, sandboxed", async () => {
    const r = await service(["install", "--system", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--- /etc/agent-deck/agent-deck.env (mode 0600)");
    expect(r.stdout).toContain("--- /etc/systemd/system/agent-deck.service (mode 0644)");
    expect(r.stdout).toContain("DynamicUser=yes");
    expect(r.stdout).toContain("DATA_DIR=/var/lib/agent-deck");
    expect(r.stdout).toContain("Logs:    journalctl -u agent-deck -f");
  });
});

describe("the secrets configuration files name", () => {
  it("go into the service's settings, masked like passwords, so the dashboard it starts finds them", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-files-"));
    const alerts = path.join(dir, "alerts.json");
    writeFileSync(
      alerts,
      JSON.stringify({
        channels: [
          { id: "ops", type: "webhook", name: "Ops", url: "https://ops.example/h", secret: { env: "OPS_HOOK" } },
        ],
        rules: [],
      }),
    );
    const agents = path.join(dir, "agents.json");
    writeFileSync(
      agents,
      JSON.stringify([{ id: "pc2", name: "PC 2", deck: "http://pc2.lan:3841", tokenEnv: "PC2_TOKEN" }]),
    );
    const r = await service(["install", "--dry-run"], {
      ALERTS_FILE: alerts,
      AGENTS_FILE: agents,
      OPS_HOOK: "hook-secret-value",
      PC2_TOKEN: "adk_remote-token-value",
      UNRELATED: "not carried",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("DATA_DIR, ALERTS_FILE, PC2_TOKEN (secret), OPS_HOOK (secret)");
    expect(r.stdout).toContain('OPS_HOOK="(secret, not shown)"');
    expect(r.stdout).toContain('PC2_TOKEN="(secret, not shown)"');
    expect(r.stdout).not.toMatch(/hook-secret-value|remote-token-value|UNRELATED/);
  });

  it("a configuration file that cannot be read stops the command, naming the setting", async () => {
    const r = await service(["install", "--dry-run"], { ALERTS_FILE: "/nonexistent/alerts.json" });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      "agent-deck service: ALERTS_FILE cannot be read as JSON (ENOENT): the service would not start",
    );
  });
});

describe("npm run service refuses, in one line, what it cannot do", () => {
  it.each([
    [["install", "--bogus"], 2, 'agent-deck service: unknown or incomplete option "--bogus"'],
    [["reinstall"], 2, "agent-deck service: say one of install, uninstall or status"],
    [["install", "status"], 2, "agent-deck service: say one of install, uninstall or status"],
    [["install", "--run-as", "deck", "--dry-run"], 2, "agent-deck service: --run-as goes with --system on Linux"],
  ])("%j", async (args, code, line) => {
    const r = await service(args);
    expect(r.code).toBe(code);
    expect(r.stderr.split("\n")[0]).toBe(line);
    expect(readdirSync(r.home)).toEqual([]);
  });

  it("a setting with a line break", async () => {
    const r = await service(["install", "--dry-run"], { AGENT_NAME: "two\nlines" });
    expect([r.code, r.stderr.trim()]).toEqual([
      1,
      "agent-deck service: AGENT_NAME contains a line break; a service cannot carry it",
    ]);
  });
});

describe("npm run service -- status and uninstall when nothing is installed", () => {
  it("status says so and exits 3", async () => {
    const r = await service(["status"]);
    expect(r.code).toBe(3);
    expect(r.stdout.trim()).toBe(
      `Agent Deck is not installed as a systemd user unit (${r.home}/.config/systemd/user/agent-deck.service is not there).`,
    );
  });

  it("uninstall says so, runs nothing and exits 0", async () => {
    const r = await service(["uninstall"]);
    expect([r.code, r.stdout.trim()]).toEqual([
      0,
      `Agent Deck is not installed as a systemd user unit (${r.home}/.config/systemd/user/agent-deck.service is not there).`,
    ]);
  });

  it("uninstall --dry-run prints what it would stop and remove", async () => {
    const r = await service(["uninstall", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "Would run:",
        "  systemctl --user disable --now agent-deck.service",
        `  remove ${r.home}/.config/agent-deck/agent-deck.env`,
        `  remove ${r.home}/.config/systemd/user/agent-deck.service`,
        "  systemctl --user daemon-reload",
        "",
      ].join("\n"),
    );
  });
});
