// Vitest runs outside Next's bundler, where "server-only" would throw on import; the guard it
// provides is about client bundles, which Next's build still checks.
export {};
