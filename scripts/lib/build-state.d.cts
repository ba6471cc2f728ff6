// Types for build-state.cjs.
export declare function buildIsStale(): boolean;
