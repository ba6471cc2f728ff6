import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchClient } from "@/app/api/agents/[agentId]/client/route";
import { GET as getEventsCsv } from "@/app/api/agents/[agentId]/events.csv/route";
import { GET as getAgentEvents } from "@/app/api/agents/[agentId]/events/route";
import { GET as getRunsCsv } from "@/app/api/agents/[agentId]/runs.csv/route";
import { PATCH as patchTags } from "@/app/api/agents/[agentId]/tags/route";
import { GET as getEvents } from "@/app/api/events/route";
import type { EventsResponse } from "@/lib/bff/contract-store";
import { stopCollectors } from "@/lib/server/agents";
import { getConfig } from "@/lib/server/config";
import { PEER_HEADER } from "@/lib/server/guard";
import { closeStore, openStore } from "@/lib/server/store";
import { installEventLog } from "@/lib/server/store/events";
import { csvText } from "../support/csv";
import { startSimulator, type Simulator } from "../support/processes";
import { SimControl, mutation, params, request, setEnv } from "./helpers";

type ErrorJson = { error: { code: string; fields?: Record<string, string[]> } };
const local = params({ agentId: "local" });

/** The event routes and exports, handler by handler, against the simulated agent and a real store. */
describe("event routes", () => {
  let sim: Simulator;
  let control: SimControl;
  let restore: () => void;

  beforeAll(async () => {
    sim = await startSimulator(["--runs", "4"]);
    control = new SimControl(sim);
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "agent-deck-events-routes-"));
    restore = setEnv({
      AGENT_URL: sim.url,
      AGENT_NAME: "Office PC",
      POLL_INTERVAL_MS: "200",
      BACKGROUND_POLL_MS: "200",
      PORT: "3841",
      DATA_DIR: dataDir,
      DASHBOARD_PASSWORD: undefined,
    });
    installEventLog(openStore(dataDir), getConfig());
  });
  afterAll(async () => {
    stopCollectors();
    closeStore();
    restore();
    await sim.stop();
  });

  async function events(query = ""): Promise<EventsResponse> {
    const res = await getAgentEvents(request(`/api/agents/local/events${query}`), local);
    expect(res.status).toBe(200);
    return (await res.json()) as EventsResponse;
  }

  it("refuses a bad query with 400 and the fields at fault", async () => {
    for (const [query, field] of [
      ["?limit=0", "limit"],
      ["?limit=501", "limit"],
      ["?kind=run_status,nope", "kind"],
      ["?severity=fatal", "severity"],
      ["?before=x", "before"],
      ["?runId=1a", "runId"],
      ["?color=red", "query"],
      ["?limit=5&limit=6", "limit"],
    ] as const) {
      const res = await getAgentEvents(request(`/api/agents/local/events${query}`), local);
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as ErrorJson;
      expect(body.error.code).toBe("invalid_input");
      expect(Object.keys(body.error.fields ?? {}), query).toContain(field);
    }
    expect((await getEvents(request("/api/events?after=-1"), params({}))).status).toBe(400);
    expect((await getEventsCsv(request("/api/agents/local/events.csv?limit=5"), local)).status).toBe(400);
    expect((await getAgentEvents(request("/api/agents/nobody/events"), params({ agentId: "nobody" }))).status).toBe(
      404,
    );
  });

  it("a pause through the dashboard is an event naming the dashboard; the fleet log has it too", async () => {
    await events();
    const res = await patchClient(
      mutation("/api/agents/local/client", { paused: true }, { [PEER_HEADER]: "10.1.2.3" }),
      local,
    );
    expect(res.status).toBe(200);
    await expect
      .poll(async () => (await events("?kind=paused")).events[0]?.actor, { timeout: 5_000 })
      .toBe("dashboard (admin, 10.1.2.3)");
    await control.setState({ paused: false });
    await expect
      .poll(async () => (await events("?kind=resumed")).events[0]?.actor, { timeout: 5_000 })
      .toBe("outside the dashboard");
    const fleet = (await (
      await getEvents(request("/api/events?kind=paused,resumed&limit=2"), params({}))
    ).json()) as EventsResponse;
    expect(fleet.events.map((e) => [e.agent, e.kind])).toEqual([
      ["local", "resumed"],
      ["local", "paused"],
    ]);
  });

  it("a tag set through the dashboard names who set it; the CSV exports are RFC 4180 and no spreadsheet runs them as a formula", async () => {
    const tagged = await patchTags(
      mutation(
        "/api/agents/local/tags",
        { tags: [{ name: "NOTE", value: '=HYPERLINK("http://evil.example","x")' }] },
        { [PEER_HEADER]: "::1" },
      ),
      local,
    );
    expect(tagged.status).toBe(200);
    // The tags route answers after a poll that read the tags: the event is there already, with who asked.
    expect((await events("?kind=tags_changed")).events[0]).toMatchObject({
      to: '=HYPERLINK("http://evil.example","x")',
      actor: "dashboard (admin, ::1)",
    });
    const res = await getEventsCsv(request("/api/agents/local/events.csv?kind=tags_changed"), local);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="local-events-\d{8}-\d{6}\.csv"$/);
    const text = await csvText(res);
    expect(
      text.startsWith("id,time,last_time,count,agent,kind,severity,run_id,run_name,message,from,to,actor\r\n"),
    ).toBe(true);
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",`);
    expect(text.endsWith("\r\n")).toBe(true);

    const runs = await getRunsCsv(request("/api/agents/local/runs.csv"), local);
    expect(runs.headers.get("content-disposition")).toMatch(/filename="local-runs-\d{8}-\d{6}\.csv"/);
    const lines = (await csvText(runs)).split("\r\n");
    expect(lines[0]).toBe(
      "run_id,name,type,status,progress_percent,size_completed,size_total,files_completed,files_total,down_speed,up_speed,eta,peers_count,transferred_down,transferred_up,path,errors",
    );
    expect(lines.filter(Boolean)).toHaveLength(5);
  });
});
