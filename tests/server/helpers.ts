import { NextRequest } from "next/server";
import type { Simulator } from "../support/processes";

/** Talks to the simulator's control port (faults, token rotation, request counts). */
export class SimControl {
  constructor(private readonly sim: Simulator) {}
  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(this.sim.controlUrl + path, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }
  fault(fault: Record<string, unknown>) {
    return this.call("PUT", "/faults", fault);
  }
  clearFaults() {
    return this.call("DELETE", "/faults");
  }
  rotateToken() {
    return this.call("POST", "/rotate-token");
  }
  async tokens(): Promise<string[]> {
    return (await this.call("GET", "/tokens")) as string[];
  }
  clearRequests() {
    return this.call("DELETE", "/requests");
  }
  setState(state: Record<string, unknown>) {
    return this.call("PUT", "/state", state);
  }
  /** Puts one run into a status now (PUT /run in lib/simulator/README.md). */
  setRun(runId: number, status: string, errors?: unknown[]) {
    return this.call("PUT", "/run", { runId, status, ...(errors ? { errors } : {}) });
  }
  async state(): Promise<{ paused: boolean; tags: { name: string; value: string }[] }> {
    return (await this.call("GET", "/state")) as { paused: boolean; tags: { name: string; value: string }[] };
  }
  /** A fresh world from the start-up flags, no fault, an empty request log (the token is kept). */
  reset() {
    return this.call("POST", "/reset");
  }
  async requests(): Promise<{ method: string; path: string; query: Record<string, string>; status: number | null }[]> {
    return (await this.call("GET", "/requests")) as {
      method: string;
      path: string;
      query: Record<string, string>;
      status: number | null;
    }[];
  }
  /** Upstream calls per "METHOD /template", e.g. count("GET /api/v3/token"). */
  async count(key: string): Promise<number> {
    const stats = (await this.call("GET", "/stats")) as { requests: Record<string, number> };
    return stats.requests[key] ?? 0;
  }
}

export const PORT = 3841;
export const ORIGIN = `http://127.0.0.1:${PORT}`;

/** A request as a browser on this machine would send it to the dashboard. */
export function request(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): NextRequest {
  const headers: Record<string, string> = { host: `127.0.0.1:${PORT}`, ...init.headers };
  return new NextRequest(new URL(path, ORIGIN), { method: init.method ?? "GET", headers, body: init.body });
}

/** A same-origin JSON mutation, as the dashboard's own pages send it. */
export function mutation(path: string, body: unknown, headers: Record<string, string> = {}): NextRequest {
  return request(path, {
    method: "PATCH",
    headers: { "content-type": "application/json", origin: ORIGIN, "sec-fetch-site": "same-origin", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Next passes route params as a Promise (Next 15+). */
export function params<T extends Record<string, string>>(p: T): { params: Promise<T> } {
  return { params: Promise.resolve(p) };
}

/** Sets process.env for the configuration the code under test reads; returns a restore function. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(vars)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
