import { spawn } from "node:child_process";

/** `npm start` (scripts/start.mjs) with `env`, expected to stop on its own: its exit code and stderr. */
export function startExpectingExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/start.mjs"], {
      env: { ...process.env, HOST: "127.0.0.1", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/** Exactly one line of explanation, naming the setting, and no stack trace. */
export function oneConfigLine(stderr: string): string[] {
  return stderr.split("\n").filter((l) => l.includes("agent-deck: invalid configuration"));
}
