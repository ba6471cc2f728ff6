/** Shared by the server layout (env fallback) and the browser; a plain module on purpose. */
export const DEFAULT_POLL_MS = 2000;
