// Types for env-file.cjs.
export declare function parseEnvFile(text: string): Map<string, string>;
export declare function formatEnvFile(entries: [string, string][], comments?: string[]): string;
export declare function quoteEnvValue(value: string): string;
