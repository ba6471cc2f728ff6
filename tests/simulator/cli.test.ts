import { describe, expect, it } from "vitest";
import { DEFAULTS, parseArgs } from "@/lib/simulator/cli";
import { plans } from "../../scripts/lib/launch-plans.cjs";
import { collectNode } from "../../scripts/lib/spawn-node.cjs";

function options(argv: string[]) {
  const r = parseArgs(argv);
  if (!r.ok || !("options" in r)) throw new Error(`expected options, got ${JSON.stringify(r)}`);
  return r.options;
}
function failure(argv: string[]): string {
  const r = parseArgs(argv);
  if (r.ok) throw new Error(`expected an error for ${argv.join(" ")}`);
  return r.error;
}

describe("simulator CLI", () => {
  it("has the documented defaults", () => {
    expect(options([])).toEqual({
      port: 3840,
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
    });
    expect(DEFAULTS.port).toBe(3840);
  });

  it("parses every flag, in both --flag N and --flag=N forms", () => {
    expect(
      options([
        "--port",
        "0",
        "--control-port=4000",
        "--runs",
        "5000",
        "--no-token-auth",
        "--seed",
        "9",
        "--restart-downtime-ms",
        "500",
        "--tick-ms=100",
        "--active-percent",
        "5",
        "--agents",
        "50",
        "--api-version=2",
      ]),
    ).toEqual({
      port: 0,
      agents: 50,
      controlPort: 4000,
      runs: 5000,
      tokenAuth: false,
      seed: 9,
      restartDowntimeMs: 500,
      tickMs: 100,
      fault: null,
      activePercent: 5,
      apiVersion: 2,
    });
  });

  it("builds a start-up fault from the fault flags", () => {
    expect(options(["--latency-ms", "250"]).fault).toEqual({ kind: "latency", ms: 250 });
    expect(options(["--fault", "oversized"]).fault).toEqual({ kind: "oversized", bytes: 40 * 1024 * 1024 });
    expect(
      options(["--fault", "html", "--fault-status", "500", "--fault-paths", "/api/v3/runs,/api/v3/tags"]).fault,
    ).toEqual({
      kind: "html",
      status: 500,
      paths: ["/api/v3/runs", "/api/v3/tags"],
    });
  });

  it("rejects bad flags with one line naming the flag", () => {
    expect(failure(["--port", "abc"])).toMatch(/--port.*"abc"/);
    expect(failure(["--port", "70000"])).toMatch(/--port/);
    expect(failure(["--runs", "-1"])).toMatch(/--runs/);
    expect(failure(["--tick-ms", "1.5"])).toMatch(/--tick-ms/);
    expect(failure(["--bogus"])).toMatch(/unknown flag: --bogus/);
    expect(failure(["--api-version", "4"])).toBe(
      'invalid value for --api-version: "4" (expected a whole number from 2 to 3)',
    );
    expect(failure(["--port"])).toMatch(/--port needs a value/);
    expect(failure(["--port", "--runs", "3"])).toMatch(/--port needs a value/);
    expect(failure(["--fault", "meltdown"])).toMatch(/--fault meltdown/);
    expect(failure(["--fault", "refuse"])).toMatch(/control API/);
    expect(failure(["--fault", "latency"])).toMatch(/--fault-ms/);
    expect(failure(["--fault-bytes", "10"])).toMatch(/--fault-bytes needs --fault/);
    expect(failure(["--fault", "http500", "--latency-ms", "5"])).toMatch(/--latency-ms/);
    expect(failure(["--agents", "0"])).toMatch(/--agents.*"0".*from 1 to 100/);
    expect(failure(["--agents", "101"])).toMatch(/--agents/);
    expect(failure(["--port", "65530", "--agents", "10"])).toBe("--agents 10 from --port 65530 runs past port 65535");
    for (const argv of [["--port", "abc"], ["--bogus"], ["--fault", "x"]]) expect(failure(argv)).not.toContain("\n");
  });

  it("the process exits 1 with one stderr line on an invalid flag", async () => {
    const r = await collectNode(plans.simulator(["--runs", "many"]));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--runs/);
  });
});
