import "server-only";

/**
 * One JSON object per line on stdout, so logs can be grepped and shipped as they are. Values pass
 * through `redact`: the agent token must never reach a log, even by accident (e.g. a URL).
 */
export type LogLevel = "info" | "warn" | "error";

/** Removes `token=...` query values and any explicitly known secret from text. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/([?&]token=)[^&\s"'#]*/gi, "$1REDACTED");
  for (const s of secrets) if (s) out = out.split(s).join("REDACTED");
  return out;
}

export function log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  const line = redact(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
  if (level === "info") process.stdout.write(`${line}\n`);
  else process.stderr.write(`${line}\n`);
}
