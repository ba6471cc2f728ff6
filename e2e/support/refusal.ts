import { plans } from "../../scripts/lib/launch-plans.cjs";
import { collectNode } from "../../scripts/lib/spawn-node.cjs";

/** `npm start` (scripts/start.mjs) with `env`, expected to stop on its own: its exit code and stderr. */
export async function startExpectingExit(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const r = await collectNode(plans.start(), { env: { ...process.env, HOST: "127.0.0.1", ...env }, timeoutMs: 30_000 });
  return { code: r.code, stderr: r.stderr };
}

/** Exactly one line of explanation, naming the setting, and no stack trace. */
export function oneConfigLine(stderr: string): string[] {
  return stderr.split("\n").filter((l) => l.includes("agent-deck: invalid configuration"));
}
