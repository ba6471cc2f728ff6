// The Windows Task Scheduler task (schtasks /Create /XML): starts at boot, whether or not anyone
// logs on, as you (S4U: no password stored) or, with --system, as SYSTEM; never stopped for running
// long (ExecutionTimeLimit PT0S), not on batteries either, started again after a failure. A task
// has no environment settings and no log, so start.mjs reads the settings from --settings-file (access
// limited with icacls) and appends its output to --log-file.
"use strict";
const { formatEnvFile } = require("./env-file.cjs");
const { envComments } = require("./systemd.cjs");

const TASK = "AgentDeck";
const escapeXml = (s) =>
  s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]);

/** One argument as Windows programs split a command line (CommandLineToArgvW's rules). */
function winArg(s) {
  if (s !== "" && !/[\s"]/.test(s)) return s;
  return `"${s.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, "$1$1")}"`;
}

function taskDefinition(ctx) {
  const { p, system, name, projectDir, nodePath, entry, env, home, username } = ctx;
  const base = system
    ? p.join(env.ProgramData || "C:\\ProgramData", name)
    : p.join(env.LOCALAPPDATA || p.join(home, "AppData", "Local"), name);
  const envPath = p.join(base, `${name}.env`);
  const log = p.join(base, "logs", `${name}.log`);
  const xmlPath = p.join(base, `${name}-task.xml`);
  const account = system ? "S-1-5-18" : env.USERDOMAIN ? `${env.USERDOMAIN}\\${username}` : username;
  const args = [entry, "--settings-file", envPath, "--log-file", log].map(winArg).join(" ");
  const el = (tag, value) => `<${tag}>${escapeXml(String(value))}</${tag}>`;
  const xml = [
    '<?xml version="1.0" encoding="UTF-16"?>',
    "<!-- Agent Deck, written by the service command (npm run service). To change a setting, edit the env file and restart the task. -->",
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    "  <RegistrationInfo>",
    `    ${el("Description", "Agent Deck, a dashboard for the Resilio Connect Agent")}`,
    `    ${el("URI", `\\${TASK}`)}`,
    "  </RegistrationInfo>",
    "  <Triggers>",
    `    <BootTrigger>${el("Enabled", true)}</BootTrigger>`,
    "  </Triggers>",
    "  <Principals>",
    '    <Principal id="Author">',
    `      ${el("UserId", account)}`,
    `      ${el("LogonType", system ? "ServiceAccount" : "S4U")}`,
    `      ${el("RunLevel", system ? "HighestAvailable" : "LeastPrivilege")}`,
    "    </Principal>",
    "  </Principals>",
    "  <Settings>",
    `    ${el("MultipleInstancesPolicy", "IgnoreNew")}`,
    `    ${el("DisallowStartIfOnBatteries", false)}`,
    `    ${el("StopIfGoingOnBatteries", false)}`,
    `    ${el("AllowHardTerminate", true)}`,
    `    ${el("StartWhenAvailable", true)}`,
    `    ${el("RunOnlyIfNetworkAvailable", false)}`,
    `    <IdleSettings>${el("StopOnIdleEnd", false)}${el("RestartOnIdle", false)}</IdleSettings>`,
    `    ${el("AllowStartOnDemand", true)}`,
    `    ${el("Enabled", true)}`,
    `    ${el("Hidden", false)}`,
    `    ${el("RunOnlyIfIdle", false)}`,
    `    ${el("WakeToRun", false)}`,
    // The default limit (72 hours) would stop the dashboard on its third day.
    `    ${el("ExecutionTimeLimit", "PT0S")}`,
    `    ${el("Priority", 5)}`,
    `    <RestartOnFailure>${el("Interval", "PT1M")}${el("Count", 999)}</RestartOnFailure>`,
    "  </Settings>",
    '  <Actions Context="Author">',
    "    <Exec>",
    `      ${el("Command", nodePath)}`,
    `      ${el("Arguments", args)}`,
    `      ${el("WorkingDirectory", projectDir)}`,
    "    </Exec>",
    "  </Actions>",
    "</Task>",
    "",
  ].join("\r\n");
  // Task Scheduler's own export format: UTF-16 little endian with a byte order mark.
  const content = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]);
  const owner = system ? "*S-1-5-32-544:F" : `${account}:F`;
  return {
    kind: "Task Scheduler task",
    files: [
      {
        path: envPath,
        mode: 0o600,
        content: formatEnvFile(
          ctx.settings,
          envComments(ctx, `schtasks /End /TN ${TASK} && schtasks /Run /TN ${TASK}`),
        ),
      },
      { path: xmlPath, mode: 0o644, content, text: xml },
    ],
    directories: [p.dirname(log)],
    install: [
      // Only SYSTEM and the owner (you, or the Administrators) may read the settings.
      ["icacls", [envPath, "/inheritance:r", "/grant:r", "*S-1-5-18:F", owner]],
      ["schtasks", ["/Create", "/TN", TASK, "/XML", xmlPath, "/F"]],
      ["schtasks", ["/Run", "/TN", TASK]],
    ],
    stop: [
      ["schtasks", ["/End", "/TN", TASK], { mayFail: true }],
      ["schtasks", ["/Delete", "/TN", TASK, "/F"], { mayFail: true }],
    ],
    afterRemove: [],
    status: [["schtasks", ["/Query", "/TN", TASK, "/V", "/FO", "LIST"]]],
    logs: `Get-Content -Wait -Tail 50 "${log}"   (PowerShell)`,
    notes: [
      "A task that starts at boot needs an elevated prompt (Run as administrator) to be created.",
      "The task also stops its server cleanly when ended (schtasks /End): the server stops when its launcher goes.",
    ],
  };
}

module.exports = { taskDefinition, winArg, TASK };
