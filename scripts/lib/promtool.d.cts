// Types for promtool.cjs.
export type PromtoolResult = { status: number; stdout: string; stderr: string; missing: boolean; error?: Error };
export declare function promtoolPath(): string;
export declare function docChecks(): { name: string; args: string[] }[];
export declare function runPromtool(
  args: string[],
  options?: { cwd?: string; input?: string; inherit?: boolean },
): PromtoolResult;
export declare const INSTALL_HINT: string;
