// Writing and removing what a service definition names, and reading back what an installed one
// holds (its settings), for the service command (scripts/service.mjs).
"use strict";
const {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} = require("node:fs");
const path = require("node:path");
const { parseEnvFile } = require("./env-file.cjs");

/** Writes each file with its mode (also when it already exists: writeFileSync keeps an old mode). */
function writeFiles(files) {
  for (const file of files) {
    const dir = path.dirname(file.path);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: file.dirMode ?? 0o755 });
    else if (file.dirMode !== undefined) chmodSync(dir, file.dirMode);
    writeFileSync(file.path, file.content, { mode: file.mode });
    chmodSync(file.path, file.mode);
  }
}

function removeFiles(files) {
  const removed = [];
  for (const file of files)
    if (existsSync(file.path)) {
      rmSync(file.path);
      removed.push(file.path);
    }
  return removed;
}

/** A Linux account's uid and gid from /etc/passwd, or undefined when there is no such account. */
function accountIds(name) {
  if (!existsSync("/etc/passwd")) return undefined;
  for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
    const [user, , uid, gid] = line.split(":");
    if (user === name) return { uid: Number(uid), gid: Number(gid) };
  }
  return undefined;
}

/** The data folder, created if needed and given to the service's account (a system service). */
function prepareDataDir(dir, owner) {
  mkdirSync(dir, { recursive: true });
  if (owner) chownSync(dir, owner.uid, owner.gid);
}

/** Whether every folder from `/` down to `dir` lets others in, and `dir` lets them read: a dynamic user can then run the project. */
function openToOthers(dir) {
  const parts = path.resolve(dir).split(path.sep).filter(Boolean);
  for (let i = 0; i <= parts.length; i++) {
    const mode = statSync(path.sep + parts.slice(0, i).join(path.sep)).mode;
    if ((mode & 0o001) === 0 || (i === parts.length && (mode & 0o004) === 0)) return false;
  }
  return true;
}

/** The settings an installed service holds: its settings file, or a plist's EnvironmentVariables. */
function installedSettings(files) {
  for (const file of files) {
    if (!existsSync(file.path)) continue;
    const text = readFileSync(file.path, "utf8");
    if (file.path.endsWith(".env")) return parseEnvFile(text);
    const vars = /<key>EnvironmentVariables<\/key>\s*<dict>([\s\S]*?)<\/dict>/.exec(text)?.[1];
    if (vars) {
      const unescape = (s) =>
        s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e) => ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[e]);
      return new Map(
        [...vars.matchAll(/<key>([^<]*)<\/key>\s*<string>([^<]*)<\/string>/g)].map((m) => [m[1], unescape(m[2])]),
      );
    }
  }
  return new Map();
}

module.exports = { writeFiles, removeFiles, accountIds, prepareDataDir, openToOthers, installedSettings };
