// Types for chromium.cjs.
export declare function chromiumExecutable(): string | undefined;
