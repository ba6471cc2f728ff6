import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { KEYS } from "@/lib/server/config";
import { SETTINGS, serviceContext, type ServiceInput } from "../../scripts/lib/service/context.cjs";
import type { ServiceDefinition } from "../../scripts/lib/service/definition.cjs";
import { parseEnvFile } from "../../scripts/lib/service/env-file.cjs";
import { systemdDefinition } from "../../scripts/lib/service/systemd.cjs";

/*
 * The three service definitions, each checked by the tool or the format it must satisfy: systemd's
 * own `systemd-analyze verify` (and its offline security review) for the units, an XML parser and
 * the plist format for the LaunchAgent, an XML parser and Task Scheduler's schema for the task.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const ENV = {
  AGENT_URL: "http://127.0.0.1:3840",
  AGENT_NAME: `Office "PC" & <lab> it's 100%`,
  DASHBOARD_PASSWORD: "pa$$ word",
  PORT: "3901",
  EDITOR: "vim", // not a setting: never carried
};
const input = (over: Partial<ServiceInput>): ServiceInput => ({
  platform: "linux",
  system: false,
  env: ENV,
  projectDir: ROOT,
  nodePath: process.execPath,
  home: "/home/me",
  username: "me",
  uid: 1000,
  ...over,
});
const text = (d: ServiceDefinition, i: number) => String(d.files[i]!.text ?? d.files[i]!.content);

describe("the settings a service carries", () => {
  it("are every setting of README's configuration table and of the configuration code, and TZ", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const table = readme.slice(
      readme.indexOf("### Configuration"),
      readme.indexOf("\n## ", readme.indexOf("### Configuration")),
    );
    const documented = [...table.matchAll(/^\| (`[A-Z_]+`(?: \/ `[A-Z_]+`)*) \|/gm)].flatMap((m) =>
      [...m[1]!.matchAll(/`([A-Z_]+)`/g)].map((n) => n[1]!),
    );
    expect(documented.length).toBeGreaterThan(15);
    expect(new Set(SETTINGS)).toEqual(new Set([...documented, "TZ"]));
    for (const key of KEYS) expect(SETTINGS).toContain(key);
  });

  it("are taken by name, with DATA_DIR made absolute (the project's data/, or the system's)", () => {
    const ctx = serviceContext(input({ env: { ...ENV, DATA_DIR: "var/deck" } }));
    expect(ctx.settings.map(([k]) => k)).toEqual(["AGENT_URL", "AGENT_NAME", "PORT", "DASHBOARD_PASSWORD", "DATA_DIR"]);
    expect(Object.fromEntries(ctx.settings).DATA_DIR).toBe(path.join(ROOT, "var", "deck"));
    expect(serviceContext(input({})).dataDir).toBe(path.join(ROOT, "data"));
    expect(serviceContext(input({ system: true })).dataDir).toBe("/var/lib/agent-deck");
    const win = serviceContext(input({ platform: "win32", system: true, projectDir: "C:\\deck", env: {} }));
    expect(win.dataDir).toBe("C:\\ProgramData\\agent-deck\\data");
    expect(() => serviceContext(input({ env: { AGENT_NAME: "two\nlines" } }))).toThrow(
      /AGENT_NAME contains a line break/,
    );
  });
});

/** Writes the definition's files under `dir` (their absolute paths re-rooted there) and returns the unit's path. */
function materialise(d: ServiceDefinition, dir: string): string {
  for (const f of d.files) {
    mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    writeFileSync(path.join(dir, f.path), f.content);
  }
  return path.join(dir, d.files.at(-1)!.path);
}

function verify(unit: string, user: boolean) {
  const runtime = mkdtempSync(path.join(tmpdir(), "agent-deck-xdg-"));
  // The user manager needs a runtime folder of its own; there is none without a login session.
  const env = { ...process.env, XDG_RUNTIME_DIR: runtime, SYSTEMD_LOG_COLOR: "0" };
  const args = [...(user ? ["--user"] : []), "verify", "--man=no", unit];
  const r = spawnSync("systemd-analyze", args, { env, encoding: "utf8" });
  if (r.error) throw new Error(`systemd-analyze is missing (apt-get install systemd): ${r.error.message}`);
  return { status: r.status, stderr: r.stderr.trim() };
}

describe("the systemd units", () => {
  const project = mkdtempSync(path.join(tmpdir(), "agent deck 100% $HOME "));
  it.each([
    ["a user unit", input({})],
    ["a user unit in a folder with spaces, % and $", input({ projectDir: project })],
    ["a system unit with a dynamic user", input({ system: true })],
    [
      "a system unit as an account, DATA_DIR elsewhere",
      input({ system: true, runAs: "deck", env: { ...ENV, DATA_DIR: "/srv/deck data" } }),
    ],
  ])("%s passes systemd-analyze verify without a warning", (_what, given) => {
    const ctx = serviceContext(given);
    const d = systemdDefinition(ctx);
    const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-unit-"));
    const r = verify(materialise(d, dir), !ctx.system);
    expect(r).toEqual({ status: 0, stderr: "" });
    const unit = text(d, 1);
    expect(unit).toContain(`EnvironmentFile=${d.files[0]!.path}`);
    expect(d.files[0]!.mode).toBe(0o600);
    // The settings file holds the settings (and only they); the unit holds none of them.
    expect(Object.fromEntries(parseEnvFile(text(d, 0)))).toEqual(Object.fromEntries(ctx.settings));
    expect(unit).not.toContain("pa$$");
    expect(unit).not.toMatch(/^Environment=/m);
  });

  it("the check itself catches a mistake: an unknown setting, or a program that does not exist", () => {
    const d = systemdDefinition(serviceContext(input({})));
    const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-unit-"));
    const unit = materialise(d, dir);
    writeFileSync(unit, text(d, 1).replace("Restart=on-failure", "Restart=on-failure\nRestartt=always"));
    expect(verify(unit, true).stderr).toMatch(/Unknown key name 'Restartt'|Unknown key 'Restartt'/);
    writeFileSync(unit, text(d, 1).replace(`ExecStart=${process.execPath}`, "ExecStart=/nonexistent/node"));
    expect(verify(unit, true).status).not.toBe(0);
  });

  it("quotes ExecStart so systemd runs exactly node and start.mjs, whatever the folder is called", () => {
    const unit = text(systemdDefinition(serviceContext(input({ projectDir: project }))), 1);
    const exec = /^ExecStart=(.*)$/m.exec(unit)![1]!;
    expect(exec).toBe(
      `${process.execPath} "${path.join(project, "scripts", "start.mjs").replace(/%/g, "%%").replace(/\$/g, "$$$$")}"`,
    );
    expect(unit).toContain(`WorkingDirectory=${project.replace(/%/g, "%%").replace(/\$/g, "$$$$")}`);
  });

  it("a user unit runs as you from login; a system unit is sandboxed (systemd's offline review: OK)", () => {
    const user = systemdDefinition(serviceContext(input({})));
    expect(user.files[1]!.path).toBe("/home/me/.config/systemd/user/agent-deck.service");
    expect(user.files[0]!.path).toBe("/home/me/.config/agent-deck/agent-deck.env");
    expect(text(user, 1)).toContain("WantedBy=default.target");
    expect(user.install.map(([tool, args]) => [tool, ...args].join(" "))).toEqual([
      "systemctl --user daemon-reload",
      "systemctl --user enable agent-deck.service",
      "systemctl --user restart agent-deck.service",
    ]);
    const system = systemdDefinition(serviceContext(input({ system: true, projectDir: "/opt/agent-deck" })));
    expect(system.files.map((f) => f.path)).toEqual([
      "/etc/agent-deck/agent-deck.env",
      "/etc/systemd/system/agent-deck.service",
    ]);
    const unit = text(system, 1);
    for (const line of [
      "DynamicUser=yes",
      "StateDirectory=agent-deck",
      "ProtectSystem=strict",
      "ProtectHome=yes",
      "WantedBy=multi-user.target",
    ])
      expect(unit).toContain(line);
    const dir = mkdtempSync(path.join(tmpdir(), "agent-deck-unit-"));
    const review = spawnSync("systemd-analyze", ["security", "--offline=yes", materialise(system, dir)], {
      encoding: "utf8",
    });
    expect(review.stdout).toMatch(/Overall exposure level for agent-deck\.service: \d\.\d (OK|SAFE)/);
  });
});
