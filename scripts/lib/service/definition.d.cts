// The shape every service definition (systemd.cjs, launchd.cjs, task-scheduler.cjs) returns.
import type { ServiceContext } from "./context.cjs";
export type Step = [tool: string, args: string[], options?: { mayFail?: boolean }];
export type ServiceFile = { path: string; mode: number; dirMode?: number; content: string | Buffer; text?: string };
export type ServiceDefinition = {
  kind: string;
  files: ServiceFile[];
  directories?: string[];
  install: Step[];
  stop: Step[];
  afterRemove: Step[];
  status: Step[];
  logs: string;
  notes: string[];
};
export type Define = (ctx: ServiceContext) => ServiceDefinition;
