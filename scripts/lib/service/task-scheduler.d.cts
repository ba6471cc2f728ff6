// Types for task-scheduler.cjs.
import type { Define } from "./definition.cjs";
export declare const taskDefinition: Define;
export declare function winArg(arg: string): string;
export declare const TASK: string;
