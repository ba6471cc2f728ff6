/*
 * `npm run token -- create --name N --scope read|operate|admin | list [--json] | revoke <id|name>`:
 * API tokens from the command line, on the store in DATA_DIR (see lib/server/token-cli.ts). Run as
 * node with tsx's loader and the react-server condition (lib/server modules are server-only).
 */
import { runTokenCli } from "../lib/server/token-cli";

process.exitCode = runTokenCli(process.argv.slice(2), process.env, {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
});
