// The dashboard's settings for a service, one file in systemd's EnvironmentFile= format: systemd
// reads it itself, and `node scripts/start.mjs --settings-file <file>` (the Windows task) reads it with
// parseEnvFile below, which follows systemd's own parser (src/basic/env-file.c) state by state so
// that a file edited by hand means the same to both: `#` or `;` starts a comment line, KEY=VALUE,
// whitespace around both trimmed, '…' literal, "…" with \" \\ \` \$ escaped (any other backslash
// kept, as a shell does), a backslash outside quotes escapes the next character, and a backslash
// before a line break continues the value.
"use strict";

const WHITESPACE = " \t\n\r";
const NEWLINE = "\n\r";
const COMMENTS = "#;";
const SHELL_NEED_ESCAPE = '"\\`$';

/** @returns {Map<string, string>} every KEY=VALUE in `text`, a later one replacing an earlier one. */
function parseEnvFile(text) {
  const out = new Map();
  let state = "PRE_KEY";
  let key = "";
  let value = "";
  let keyEnd = -1; // where trailing whitespace in the key starts, or -1
  let valueEnd = -1; // where trailing whitespace in an unquoted value starts, or -1
  const push = (chomp) => {
    const k = (keyEnd >= 0 ? key.slice(0, keyEnd) : key).trimStart();
    out.set(k, chomp && valueEnd >= 0 ? value.slice(0, valueEnd) : value);
    key = "";
    value = "";
  };
  for (const c of text) {
    switch (state) {
      case "PRE_KEY":
        if (COMMENTS.includes(c)) state = "COMMENT";
        else if (!WHITESPACE.includes(c)) {
          state = "KEY";
          keyEnd = -1;
          key = c;
        }
        break;
      case "KEY":
        if (NEWLINE.includes(c)) {
          state = "PRE_KEY";
          key = "";
        } else if (c === "=") {
          state = "PRE_VALUE";
          valueEnd = -1;
        } else {
          if (!WHITESPACE.includes(c)) keyEnd = -1;
          else if (keyEnd < 0) keyEnd = key.length;
          key += c;
        }
        break;
      case "PRE_VALUE":
        if (NEWLINE.includes(c)) {
          state = "PRE_KEY";
          push(false);
        } else if (c === "'") state = "SINGLE_QUOTE_VALUE";
        else if (c === '"') state = "DOUBLE_QUOTE_VALUE";
        else if (c === "\\") state = "VALUE_ESCAPE";
        else if (!WHITESPACE.includes(c)) {
          state = "VALUE";
          value += c;
        }
        break;
      case "VALUE":
        if (NEWLINE.includes(c)) {
          state = "PRE_KEY";
          push(true);
        } else if (c === "\\") {
          state = "VALUE_ESCAPE";
          valueEnd = -1;
        } else {
          if (!WHITESPACE.includes(c)) valueEnd = -1;
          else if (valueEnd < 0) valueEnd = value.length;
          value += c;
        }
        break;
      case "VALUE_ESCAPE":
        state = "VALUE";
        if (!NEWLINE.includes(c)) value += c;
        break;
      case "SINGLE_QUOTE_VALUE":
        if (c === "'") state = "PRE_VALUE";
        else value += c;
        break;
      case "DOUBLE_QUOTE_VALUE":
        if (c === '"') state = "PRE_VALUE";
        else if (c === "\\") state = "DOUBLE_QUOTE_VALUE_ESCAPE";
        else value += c;
        break;
      case "DOUBLE_QUOTE_VALUE_ESCAPE":
        state = "DOUBLE_QUOTE_VALUE";
        if (SHELL_NEED_ESCAPE.includes(c)) value += c;
        else if (c !== "\n") value += `\\${c}`;
        break;
      case "COMMENT":
        if (c === "\\") state = "COMMENT_ESCAPE";
        else if (NEWLINE.includes(c)) state = "PRE_KEY";
        break;
      case "COMMENT_ESCAPE":
        state = NEWLINE.includes(c) ? "PRE_KEY" : "COMMENT";
        break;
    }
  }
  if (
    [
      "PRE_VALUE",
      "VALUE",
      "VALUE_ESCAPE",
      "SINGLE_QUOTE_VALUE",
      "DOUBLE_QUOTE_VALUE",
      "DOUBLE_QUOTE_VALUE_ESCAPE",
    ].includes(state)
  )
    push(state === "VALUE");
  return out;
}

/** A value as the parser above (and systemd) reads it back unchanged: bare when plain, else "…". */
function quoteEnvValue(value) {
  if (/[\n\r]/.test(value)) throw new Error("a value with a line break cannot be written to an environment file");
  if (/^[A-Za-z0-9_.,:/@+%=-]*$/.test(value)) return value;
  return `"${value.replace(/["\\`$]/g, (c) => `\\${c}`)}"`;
}

/** The file's text: the comment lines, then KEY=VALUE per entry. */
function formatEnvFile(entries, comments = []) {
  const head = comments.map((c) => `# ${c}`);
  return [...head, ...entries.map(([k, v]) => `${k}=${quoteEnvValue(v)}`)].join("\n") + "\n";
}

module.exports = { parseEnvFile, formatEnvFile, quoteEnvValue };
