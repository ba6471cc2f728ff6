// The systemd unit: a user unit by default (~/.config/systemd/user, runs as you, WantedBy
// default.target), a system unit with --system (/etc/systemd/system, as --run-as, the user who ran
// sudo, or a dynamic user, sandboxed, data in /var/lib/agent-deck through StateDirectory=). The
// settings live in an EnvironmentFile with mode 0600 (root's for a system unit: systemd reads it
// before dropping privileges), never on the command line.
"use strict";
const { formatEnvFile } = require("./env-file.cjs");

/** A unit-file value: specifiers (%) and variables ($) are literal here. */
const literal = (s) => s.replace(/%/g, "%%").replace(/\$/g, "$$$$");
/** One word of ExecStart= or of a list setting: quoted when it holds spaces, quotes or backslashes. */
const word = (s) => (/[\s"'\\]/.test(s) ? `"${literal(s).replace(/["\\]/g, (c) => `\\${c}`)}"` : literal(s));

/** The first lines of a settings file: what it is and how to apply a change. */
function envComments(ctx, restart) {
  return [
    "Agent Deck's settings for its service (README § Configuration), written by `npm run service -- install`.",
    `Only the owner can read this file: it may hold passwords. After a change: ${restart}`,
  ];
}

function systemdDefinition(ctx) {
  const { p, system, name, projectDir, nodePath, entry, dataDir, defaultDataDir, home, env, runAs } = ctx;
  const configHome = env.XDG_CONFIG_HOME || p.join(home, ".config");
  const unitPath = system
    ? `/etc/systemd/system/${name}.service`
    : p.join(configHome, "systemd", "user", `${name}.service`);
  const envPath = system ? `/etc/${name}/${name}.env` : p.join(configHome, name, `${name}.env`);
  const userFlag = system ? [] : ["--user"];
  const unit = `${name}.service`;
  const inHome = [projectDir, nodePath, dataDir].some((q) => /^\/(home|root|run\/user)(\/|$)/.test(q));

  const sandbox = system
    ? [
        runAs ? `User=${literal(runAs)}` : "DynamicUser=yes",
        ...(defaultDataDir ? [`StateDirectory=${name}`] : [`ReadWritePaths=${word(dataDir)}`]),
        "ProtectSystem=strict",
        // The project, node or the data may live in a home folder: readable then, never writable.
        `ProtectHome=${inHome ? "read-only" : "yes"}`,
        "PrivateTmp=yes",
        "PrivateDevices=yes",
        "UMask=0077",
        // A web server on an unprivileged port needs no capability, no other address family than
        // IP and Unix sockets (the launcher's channel), and nothing of the kernel's or the clock's.
        "CapabilityBoundingSet=",
        "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6",
        "ProtectKernelTunables=yes",
        "ProtectKernelModules=yes",
        "ProtectKernelLogs=yes",
        "ProtectControlGroups=yes",
        "ProtectClock=yes",
        "ProtectHostname=yes",
        "ProtectProc=invisible",
        "RestrictNamespaces=yes",
        "RestrictRealtime=yes",
        "RestrictSUIDSGID=yes",
        "LockPersonality=yes",
        "SystemCallArchitectures=native",
      ]
    : [];
  const text = [
    `# Agent Deck as a ${system ? "system" : "user"} service, written by \`npm run service -- install\`.`,
    `# Its settings are in ${envPath}; change them there, then: systemctl ${[...userFlag, "restart", name].join(" ")}`,
    "[Unit]",
    "Description=Agent Deck, a dashboard for the Resilio Connect Agent",
    `Documentation=${literal(encodeURI(`file://${p.join(projectDir, "docs", "operations.md")}`))}`,
    "After=network.target",
    "",
    "[Service]",
    "Type=simple",
    `WorkingDirectory=${literal(projectDir)}`,
    `EnvironmentFile=${literal(envPath)}`,
    `ExecStart=${word(nodePath)} ${word(entry)}`,
    "Restart=on-failure",
    "RestartSec=5",
    // start.mjs asks the server to stop and waits for it; the server allows requests 10 s to finish.
    "TimeoutStopSec=20",
    `SyslogIdentifier=${name}`,
    "NoNewPrivileges=yes",
    ...sandbox,
    "",
    "[Install]",
    `WantedBy=${system ? "multi-user.target" : "default.target"}`,
    "",
  ].join("\n");

  const systemctl = (...args) => ["systemctl", [...userFlag, ...args]];
  return {
    kind: `systemd ${system ? "system" : "user"} unit`,
    files: [
      {
        path: envPath,
        mode: 0o600,
        dirMode: 0o700,
        content: formatEnvFile(ctx.settings, envComments(ctx, `systemctl ${[...userFlag, "restart", name].join(" ")}`)),
      },
      { path: unitPath, mode: 0o644, content: text },
    ],
    install: [systemctl("daemon-reload"), systemctl("enable", unit), systemctl("restart", unit)],
    stop: [systemctl("disable", "--now", unit)],
    afterRemove: [systemctl("daemon-reload")],
    status: [systemctl("status", unit, "--no-pager", "--lines=20")],
    logs: `journalctl ${[...userFlag, "-u", name, "-f"].join(" ")}`,
    notes: system
      ? []
      : [
          `A user service runs while you are logged in; to start it at boot and keep it running after you log out: loginctl enable-linger ${ctx.username}`,
        ],
  };
}

module.exports = { systemdDefinition, envComments };
