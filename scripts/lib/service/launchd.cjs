// The macOS LaunchAgent (~/Library/LaunchAgents/agent-deck.plist): runs as you from login, started
// again if it fails (not after a clean stop), its output in ~/Library/Logs/agent-deck. launchd has
// no environment file, so the settings are the plist's EnvironmentVariables and the plist's mode is
// 0600: only you can read it.
"use strict";

const escapeXml = (s) =>
  s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]);

/** A plist value, indented: strings, booleans, integers, arrays and dictionaries (insertion order). */
function plistValue(value, indent) {
  const pad = "  ".repeat(indent);
  if (typeof value === "string") return `${pad}<string>${escapeXml(value)}</string>`;
  if (typeof value === "boolean") return `${pad}<${value}/>`;
  if (typeof value === "number") return `${pad}<integer>${value}</integer>`;
  if (Array.isArray(value))
    return [`${pad}<array>`, ...value.map((v) => plistValue(v, indent + 1)), `${pad}</array>`].join("\n");
  const entries = Object.entries(value).flatMap(([k, v]) => [
    `${pad}  <key>${escapeXml(k)}</key>`,
    plistValue(v, indent + 1),
  ]);
  return [`${pad}<dict>`, ...entries, `${pad}</dict>`].join("\n");
}

function launchdDefinition(ctx) {
  const { p, name, projectDir, nodePath, entry, home, uid, settings } = ctx;
  const plistPath = p.join(home, "Library", "LaunchAgents", `${name}.plist`);
  const logDir = p.join(home, "Library", "Logs", name);
  const log = p.join(logDir, `${name}.log`);
  const target = `gui/${uid}`;
  const service = `${target}/${name}`;
  const plist = {
    Label: name,
    ProgramArguments: [nodePath, entry],
    WorkingDirectory: projectDir,
    EnvironmentVariables: Object.fromEntries(settings),
    RunAtLoad: true,
    // Started again after a failure, not after a stop that exited 0.
    KeepAlive: { SuccessfulExit: false },
    ThrottleInterval: 10,
    // launchd sends SIGTERM, then SIGKILL after this: start.mjs and the server need a few seconds.
    ExitTimeOut: 20,
    StandardOutPath: log,
    StandardErrorPath: log,
  };
  const text = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    "<!-- Agent Deck, written by the service command (npm run service). To change a setting, install again. -->",
    '<plist version="1.0">',
    plistValue(plist, 0),
    "</plist>",
    "",
  ].join("\n");
  return {
    kind: "launchd LaunchAgent",
    files: [{ path: plistPath, mode: 0o600, content: text }],
    directories: [logDir],
    // A LaunchAgent already loaded is unloaded first, so an install also replaces it.
    install: [
      ["launchctl", ["bootout", service], { mayFail: true }],
      ["launchctl", ["bootstrap", target, plistPath]],
      ["launchctl", ["enable", service]],
    ],
    stop: [["launchctl", ["bootout", service], { mayFail: true }]],
    afterRemove: [],
    status: [["launchctl", ["print", service]]],
    logs: `tail -f "${log}"`,
    notes: [],
  };
}

module.exports = { launchdDefinition, plistValue };
