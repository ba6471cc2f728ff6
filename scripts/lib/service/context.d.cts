// Types for context.cjs.
export type ServiceInput = {
  platform: NodeJS.Platform;
  system: boolean;
  env: Record<string, string | undefined>;
  projectDir: string;
  nodePath: string;
  home: string;
  username: string;
  uid?: number;
  runAs?: string;
  /** Environment variables that ALERTS_FILE or AGENTS_FILE name for secrets (see referencedEnv). */
  referenced?: string[];
};
export type ServiceContext = ServiceInput & {
  name: string;
  dataDir: string;
  defaultDataDir: boolean;
  entry: string;
  settings: [string, string][];
  secret(name: string): boolean;
};
export declare const SETTINGS: string[];
export declare const NAME: string;
export declare function isSecret(name: string): boolean;
export declare function referencedEnv(json: unknown): string[];
export declare function serviceContext(input: ServiceInput): ServiceContext;
