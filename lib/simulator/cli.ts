import { FAULT_KINDS, FaultSchema, type Fault } from "./faults";

export interface SimulatorOptions {
  port: number;
  /** How many agents this process serves, on consecutive ports from `port`. */
  agents: number;
  controlPort: number | null;
  runs: number;
  tokenAuth: boolean;
  seed: number;
  restartDowntimeMs: number;
  tickMs: number;
  fault: Fault | null;
  /** null: the busy default mix; a number: only that percentage of runs is active (run-mix.ts). */
  activePercent: number | null;
  /** 3: today's API (/api/v3); 2: an agent older than 3.0, answering only GET /api/v2/client. */
  apiVersion: 2 | 3;
}

export const DEFAULTS: SimulatorOptions = {
  port: 3840, // the agent's documented default
  agents: 1,
  controlPort: null,
  runs: 25,
  tokenAuth: true,
  seed: 42,
  restartDowntimeMs: 3000,
  tickMs: 1000,
  fault: null,
  activePercent: null,
  apiVersion: 3,
};

export const USAGE = `Usage: tsx lib/simulator/main.ts [flags]
  --port N                 agent port on 127.0.0.1 (default 3840; 0 picks a free one)
  --agents N               serve N agents (1-100) on consecutive ports from --port (default 1)
  --control-port N         control API port (default: none; 0 picks a free one)
  --runs N                 number of job runs (default 25)
  --no-token-auth          accept requests without ?token= (client_api_token_auth=false)
  --seed N                 seed for the simulated world (default 42)
  --restart-downtime-ms N  how long a restart keeps the agent away (default 3000)
  --tick-ms N              simulation step (default 1000)
  --active-percent P       realistic mix: only P% of runs move, the rest stay at rest (default: busy mix)
  --api-version 2|3        2: an agent older than 3.0 (only GET /api/v2/client, 404 for /api/v3) (default 3)
  --fault KIND             start with a fault: ${FAULT_KINDS.filter((k) => k !== "refuse").join(", ")}
  --latency-ms N           shorthand for --fault latency --fault-ms N
  --fault-ms N             the fault's duration (latency)
  --fault-bytes N          body size for --fault oversized (default 40 MiB)
  --fault-status N         200 or 500, for --fault html (default 200)
  --fault-paths P[,P…]     limit the fault to these path prefixes
  --help                   show this help`;

export type ParseResult =
  { ok: true; options: SimulatorOptions } | { ok: true; help: true } | { ok: false; error: string };

type IntFlag =
  | "--port"
  | "--agents"
  | "--control-port"
  | "--runs"
  | "--seed"
  | "--restart-downtime-ms"
  | "--tick-ms"
  | "--active-percent"
  | "--api-version"
  | "--latency-ms"
  | "--fault-ms"
  | "--fault-bytes"
  | "--fault-status";
const INT_RANGES: Record<IntFlag, [number, number]> = {
  "--port": [0, 65535],
  "--agents": [1, 100],
  "--control-port": [0, 65535],
  "--runs": [0, 100_000],
  "--seed": [0, 2 ** 32 - 1],
  "--restart-downtime-ms": [0, 600_000],
  "--tick-ms": [10, 60_000],
  "--active-percent": [0, 100],
  "--api-version": [2, 3],
  "--latency-ms": [0, 600_000],
  "--fault-ms": [0, 600_000],
  "--fault-bytes": [1, 2 ** 30],
  "--fault-status": [200, 500],
};
const STRING_FLAGS = new Set(["--fault", "--fault-paths"]);

class FlagError extends Error {}

function int(flag: IntFlag, raw: string): number {
  const [min, max] = INT_RANGES[flag];
  const n = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new FlagError(`invalid value for ${flag}: "${raw}" (expected a whole number from ${min} to ${max})`);
  }
  return n;
}

/** Parses the flags; every problem is one line that names the flag. */
export function parseArgs(argv: readonly string[]): ParseResult {
  const o: SimulatorOptions = { ...DEFAULTS };
  const raw = new Map<string, string>();
  try {
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] ?? "";
      const eq = arg.indexOf("=");
      const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
      if (flag === "--help" || flag === "-h") return { ok: true, help: true };
      if (flag === "--no-token-auth") {
        if (eq > 0) throw new FlagError("--no-token-auth takes no value");
        o.tokenAuth = false;
        continue;
      }
      if (!(flag in INT_RANGES) && !STRING_FLAGS.has(flag)) throw new FlagError(`unknown flag: ${arg} (see --help)`);
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith("--"))) throw new FlagError(`${flag} needs a value`);
      raw.set(flag, value);
    }
    const get = (flag: IntFlag) => (raw.has(flag) ? int(flag, raw.get(flag) ?? "") : undefined);
    o.port = get("--port") ?? o.port;
    o.agents = get("--agents") ?? o.agents;
    if (o.port !== 0 && o.port + o.agents - 1 > 65535)
      throw new FlagError(`--agents ${o.agents} from --port ${o.port} runs past port 65535`);
    const control = get("--control-port");
    o.controlPort = control ?? null;
    o.runs = get("--runs") ?? o.runs;
    o.seed = get("--seed") ?? o.seed;
    o.restartDowntimeMs = get("--restart-downtime-ms") ?? o.restartDowntimeMs;
    o.tickMs = get("--tick-ms") ?? o.tickMs;
    o.activePercent = get("--active-percent") ?? null;
    o.apiVersion = get("--api-version") === 2 ? 2 : 3;
    o.fault = parseFault(raw, get);
    return { ok: true, options: o };
  } catch (e) {
    if (e instanceof FlagError) return { ok: false, error: e.message };
    throw e;
  }
}

function parseFault(raw: Map<string, string>, get: (flag: IntFlag) => number | undefined): Fault | null {
  const latency = get("--latency-ms");
  let kind = raw.get("--fault");
  if (latency !== undefined) {
    if (kind !== undefined && kind !== "latency")
      throw new FlagError(`--latency-ms cannot be combined with --fault ${kind} (one fault at a time)`);
    kind = "latency";
  }
  const extras = ["--fault-ms", "--fault-bytes", "--fault-status", "--fault-paths"].filter((f) => raw.has(f));
  if (kind === undefined) {
    if (extras.length > 0) throw new FlagError(`${extras[0]} needs --fault KIND`);
    return null;
  }
  if (kind === "refuse") throw new FlagError("--fault refuse is only available through the control API (PUT /faults)");
  const candidate: Record<string, unknown> = { kind };
  const ms = latency ?? get("--fault-ms");
  if (ms !== undefined) candidate.ms = ms;
  if (kind === "latency" && ms === undefined)
    throw new FlagError("--fault latency needs --fault-ms N (or use --latency-ms N)");
  const bytes = get("--fault-bytes");
  if (bytes !== undefined) candidate.bytes = bytes;
  const status = get("--fault-status");
  if (status !== undefined) candidate.status = status;
  const paths = raw.get("--fault-paths");
  if (paths !== undefined)
    candidate.paths = paths
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
  const parsed = FaultSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join(".")})` : "";
    throw new FlagError(
      `invalid --fault ${kind}${where}: ${issue?.message ?? "invalid"}; kinds: ${FAULT_KINDS.join(", ")}`,
    );
  }
  return parsed.data;
}
