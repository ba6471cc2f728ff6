import { describe, expect, it } from "vitest";
import { AgentClientStatusSchema } from "@/lib/agent-api/client";
import { RunsSchema } from "@/lib/agent-api/runs";
import { corruptReply, FaultSchema, FaultState, replacementReply } from "@/lib/simulator/faults";
import { json } from "@/lib/simulator/http";
import { World } from "@/lib/simulator/world";

const w = new World({ seed: 1, runs: 5, now: Date.UTC(2025, 0, 1) });

describe("faults", () => {
  it("applies to agent endpoints, sparing /api/v3/token unless listed", () => {
    const f = new FaultState();
    f.set(FaultSchema.parse({ kind: "http500" }));
    expect(f.forRequest("GET", "/api/v3/client")?.kind).toBe("http500");
    expect(f.forRequest("GET", "/api/v3/token")).toBeNull();
    f.set(FaultSchema.parse({ kind: "empty", paths: ["/api/v3/runs", "/api/v3/token"], methods: ["get"] }));
    expect(f.forRequest("GET", "/api/v3/runs")?.kind).toBe("empty");
    expect(f.forRequest("GET", "/api/v3/runs/543")?.kind).toBe("empty");
    expect(f.forRequest("GET", "/api/v3/token")?.kind).toBe("empty");
    expect(f.forRequest("GET", "/api/v3/runsX")).toBeNull();
    expect(f.forRequest("GET", "/api/v3/client")).toBeNull();
    expect(f.forRequest("PATCH", "/api/v3/runs")).toBeNull();
    f.set(FaultSchema.parse({ kind: "hang", paths: ["/api"] }));
    expect(f.forRequest("GET", "/api/v3/tags")?.kind).toBe("hang");
    expect(f.forRequest("GET", "/api/v3/token")).toBeNull(); // only an exact listing covers the token
    f.set(FaultSchema.parse({ kind: "refuse", ms: 10 }));
    expect(f.forRequest("GET", "/api/v3/client")).toBeNull(); // refuse acts on the socket instead
  });

  it("rejects malformed fault bodies", () => {
    for (const bad of [
      { kind: "nope" },
      { kind: "latency" },
      { kind: "latency", ms: -1 },
      { kind: "http500", extra: 1 },
      { kind: "refuse", ms: 5, paths: ["/x"] },
      { kind: "html", status: 404 },
    ]) {
      expect(FaultSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("truncates valid JSON to half its bytes", () => {
    const reply = json(200, w.runs());
    const cut = corruptReply("truncated", reply);
    const full = Buffer.byteLength(reply.body as string);
    expect((cut.body as Buffer).length).toBe(Math.floor(full / 2));
    expect(() => JSON.parse(cut.body.toString())).toThrow();
  });

  it("wrong-types keeps the shape but breaks the schemas", () => {
    const client = JSON.parse(corruptReply("wrong-types", json(200, w.client())).body.toString()) as Record<
      string,
      unknown
    >;
    expect(client.paused).toBe("maybe");
    expect(AgentClientStatusSchema.safeParse(client).success).toBe(false);
    const runs = JSON.parse(corruptReply("wrong-types", json(200, w.runs())).body.toString()) as Record<
      string,
      unknown
    >[];
    expect(runs).toHaveLength(5);
    expect(runs[0]?.size_total).toBe("big");
    expect(RunsSchema.safeParse(runs).success).toBe(false);
  });

  it("replacement answers: HTML page, empty 200, JSON 500", () => {
    expect(replacementReply({ kind: "html", status: 200 })).toMatchObject({
      status: 200,
      contentType: expect.stringMatching(/^text\/html/),
    });
    expect(replacementReply({ kind: "empty" })).toMatchObject({ status: 200, body: "" });
    expect(replacementReply({ kind: "http500" }).status).toBe(500);
  });
});
