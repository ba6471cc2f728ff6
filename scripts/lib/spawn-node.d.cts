// Types for spawn-node.cjs.
import type { ChildProcess } from "node:child_process";
import type { LaunchPlan } from "./launch-plans.cjs";
type Options = { env?: NodeJS.ProcessEnv; cwd?: string; output?: "pipe" | "inherit" | "ignore" };
export declare function spawnNode(plan: LaunchPlan, options?: Options): ChildProcess;
export declare function runNode(plan: LaunchPlan, options?: Options): number;
export declare function stopChild(child: ChildProcess, graceMs?: number): Promise<void>;
export declare function onStopRequest(stop: (reason: string) => void): void;
