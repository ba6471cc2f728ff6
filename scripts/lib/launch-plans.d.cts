// Types for launch-plans.cjs (tests and TypeScript callers import it).
export type LaunchPlan = { name: string; flags: string[]; entry: string; args: string[] };
export declare const root: string;
export declare const plans: {
  simulator(args?: string[]): LaunchPlan;
  token(args?: string[]): LaunchPlan;
  start(): LaunchPlan;
  standalone(heapFlags?: string[]): LaunchPlan;
  devServer(): LaunchPlan;
  build(): LaunchPlan;
  nextBuild(): LaunchPlan;
  postbuild(): LaunchPlan;
  eslint(): LaunchPlan;
  prettier(): LaunchPlan;
  typecheck(): LaunchPlan;
  vitest(args?: string[]): LaunchPlan;
  playwright(args?: string[]): LaunchPlan;
};
export declare function argv(plan: LaunchPlan): string[];
