/**
 * Next's boot hook: validate configuration before the server takes requests (an invalid setting
 * prints one line and exits 1), install the peer-address hook and log what is configured.
 * Node.js runtime only: the checks use node:fs and node:http, and there is no edge deployment.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { boot } = await import("./lib/server/boot");
  boot();
}
