// Which Chromium our browser tests, screenshots, icon renders and audits use: CHROMIUM_PATH when
// set, else Debian's /usr/bin/chromium when present, else undefined, which lets the caller's own
// lookup decide (Playwright's downloaded browser; chrome-launcher finds an installed Chrome on
// Windows and macOS).
"use strict";
const { existsSync } = require("node:fs");

/** @returns {string | undefined} */
function chromiumExecutable() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

module.exports = { chromiumExecutable };
