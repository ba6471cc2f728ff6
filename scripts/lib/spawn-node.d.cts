// Types for spawn-node.cjs.
import type { ChildProcess } from "node:child_process";
import type { LaunchPlan } from "./launch-plans.cjs";
type Options = {
  env?: Record<string, string | undefined>;
  cwd?: string;
  output?: "pipe" | "inherit" | "ignore" | number;
  detached?: boolean;
};
export type Collected = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };
export declare function spawnNode(plan: LaunchPlan, options?: Options): ChildProcess;
export declare function collectNode(
  plan: LaunchPlan,
  options?: { env?: Record<string, string | undefined>; cwd?: string; timeoutMs?: number },
): Promise<Collected>;
export declare function runNode(plan: LaunchPlan, options?: Options): number;
export declare function stopChild(child: ChildProcess, graceMs?: number): Promise<void>;
export declare function onStopRequest(stop: (reason: string) => void): void;
