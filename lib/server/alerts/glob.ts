import "server-only";

/**
 * `runMatch`: a glob on a run's name or path, case-insensitive, where `*` is any run of characters
 * (slashes included: paths differ between Windows and the rest) and `?` one character. A pattern
 * without wildcards matches the whole name or path exactly. Compiled once per rule.
 */
export function compileGlob(pattern: string): (text: string) => boolean {
  const source = pattern
    .split("")
    .map((c) => (c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
    .join("");
  const re = new RegExp(`^${source}$`, "i");
  return (text) => re.test(text);
}

/** Whether a run (its name, else its path) matches; no pattern matches every run. */
export function runMatches(
  match: ((text: string) => boolean) | undefined,
  run: { name?: string; path?: string },
): boolean {
  if (!match) return true;
  return (run.name !== undefined && match(run.name)) || (run.path !== undefined && match(run.path));
}
