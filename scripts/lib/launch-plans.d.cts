// Types for launch-plans.cjs (tests and TypeScript callers import it).
export type LaunchPlan = { name: string; flags: string[]; entry: string; args: string[] };
export declare const root: string;
export declare const plans: {
  simulator(args?: string[]): LaunchPlan;
  demo(args?: string[]): LaunchPlan;
  start(dir?: string, args?: string[]): LaunchPlan;
  standalone(heapFlags?: string[], dir?: string): LaunchPlan;
  nextStart(args?: string[]): LaunchPlan;
  token(args?: string[]): LaunchPlan;
  service(args?: string[]): LaunchPlan;
  devServer(): LaunchPlan;
  build(): LaunchPlan;
  nextBuild(): LaunchPlan;
  postbuild(): LaunchPlan;
  bootCheck(): LaunchPlan;
  eslint(): LaunchPlan;
  prettier(): LaunchPlan;
  typecheck(): LaunchPlan;
  vitest(args?: string[]): LaunchPlan;
  playwright(args?: string[]): LaunchPlan;
  lighthouse(args?: string[]): LaunchPlan;
};
export declare function argv(plan: LaunchPlan): string[];
