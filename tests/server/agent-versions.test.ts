import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AgentClient } from "@/lib/server/agent-client";
import { statusOf } from "@/lib/server/errors";
import { startSimulator, type Simulator } from "../support/processes";
import { failure } from "./failure";
import { SimControl } from "./helpers";

/*
 * Older agents, against the simulator playing them: an agent before 3.0 has only the v2 API
 * (`--api-version 2`); an agent whose API is off answers 404 to every path; an agent before 3.0 that
 * has the v3 status lacks /api/v3/runs (runs came with 3.0), one before 2.10 lacks reading tags.
 */
const OLDER =
  /^This agent is older than 3\.0: it answers only the older v2 API \(\/api\/v2\/client\), not v3\. Update the agent to 3\.0 or later to use Agent Deck\.$/;
const API_OFF =
  /^The Agent API is not enabled on this agent \(HTTP 404 for both \/api\/v3 and \/api\/v2\): add client_api_enabled=true to the Agent Profile in the Management Console\.$/;

describe.each([true, false])("an agent before 3.0 (v2 API only), token auth %s", (tokenAuth) => {
  let sim: Simulator;
  let control: SimControl;
  beforeAll(async () => {
    sim = await startSimulator(["--api-version", "2", "--runs", "3"]);
    control = new SimControl(sim);
  });
  afterAll(() => sim.stop());
  const client = () => new AgentClient({ id: "old", name: "Old", url: sim.url, tokenAuth }, { timeoutMs: 2000 });

  it("is told apart by one probe of /api/v2/client, and every call says to update it", async () => {
    await control.clearRequests();
    const c = client();
    const errors = await Promise.all([c.getClient(), c.getRuns(), c.getTags()].map((p) => failure(() => p)));
    expect(errors[0]!.code).toBe("agent_unsupported");
    expect(statusOf(errors[0]!)).toBe(502);
    expect(errors[0]!.message).toMatch(OLDER);
    // With a token, every call waits for the token, which the agent lacks: each says the same.
    if (tokenAuth) for (const e of errors) expect(e.message).toMatch(OLDER);
    else {
      expect(errors[1]!.message).toMatch(/^This agent does not report job runs: runs need agent version 3\.0 or later/);
      expect(errors[2]!.message).toMatch(/reading tags needs agent version 2\.10 or later/);
    }
    expect((await failure(() => c.pause())).message).toMatch(OLDER);
    expect(await control.count("GET /api/v2/client")).toBe(1);
  });

  it("when the probe itself fails, names both causes and probes again at the next 404", async () => {
    await control.clearRequests();
    await control.fault({ kind: "http500", paths: ["/api/v2/client"] });
    try {
      const c = client();
      for (let i = 0; i < 2; i++)
        expect((await failure(() => c.getClient())).message).toMatch(
          /^The agent answered HTTP 404 when asked for its (token|status): its Agent API may be off \(add client_api_enabled=true to the Agent Profile in the Management Console\) or the agent older than 3\.0 \(update it to 3\.0 or later\)\.$/,
        );
      expect(await control.count("GET /api/v2/client")).toBe(2);
    } finally {
      await control.clearFaults();
    }
  });
});

describe("an agent on the v3 API that lacks some of it", () => {
  let sim: Simulator;
  let control: SimControl;
  beforeAll(async () => {
    sim = await startSimulator(["--runs", "3"]);
    control = new SimControl(sim);
  });
  afterAll(() => sim.stop());
  beforeEach(async () => {
    await control.clearFaults();
    await control.clearRequests();
  });
  const client = () => new AgentClient({ id: "a", name: "A", url: sim.url, tokenAuth: true }, { timeoutMs: 2000 });

  it("with its API off (404 everywhere) says to set client_api_enabled, probing v2 once until an answer", async () => {
    await control.fault({ kind: "not-found", paths: ["/api", "/api/v3/token"] });
    const c = client();
    for (let i = 0; i < 3; i++) {
      const e = await failure(() => c.getClient());
      expect([e.code, e.message]).toEqual(["agent_unsupported", expect.stringMatching(API_OFF)]);
    }
    expect(await control.count("GET (unknown path)")).toBe(1); // /api/v2/client, which a 3.x agent lacks
    // Once the agent answers, the verdict is forgotten: the next 404 probes again.
    await control.clearFaults();
    await c.getClient();
    await control.fault({ kind: "not-found", paths: ["/api/v3/client"] });
    expect((await failure(() => c.getClient())).message).toMatch(API_OFF);
    expect(await control.count("GET (unknown path)")).toBe(2);
  });

  it("without /api/v3/runs (before 3.0) reads its status and says runs need 3.0", async () => {
    await control.fault({ kind: "not-found", paths: ["/api/v3/runs"] });
    const c = client();
    expect((await c.getClient()).name).toBeTruthy();
    const e = await failure(() => c.getRuns());
    expect(e.code).toBe("agent_unsupported");
    expect(e.message).toBe(
      "This agent does not report job runs: runs need agent version 3.0 or later. Status, pause and tags work as usual.",
    );
    expect(await control.count("GET (unknown path)")).toBe(0); // the status works: no probe needed
    // One run's 404 still means "no such run", never "unsupported".
    await control.clearFaults();
    expect((await failure(() => c.getRun(999_999))).code).toBe("not_found");
  });

  it("without tags: reading needs 2.10, setting needs 2.9.3", async () => {
    const c = client();
    await control.fault({ kind: "not-found", paths: ["/api/v3/tags"], methods: ["GET"] });
    expect((await failure(() => c.getTags())).message).toBe(
      "This agent does not list its tags: reading tags needs agent version 2.10 or later.",
    );
    await c.setTags([{ name: "SITE", value: "Lab" }]);
    await control.fault({ kind: "not-found", paths: ["/api/v3/tags"], methods: ["PATCH"] });
    expect((await failure(() => c.setTags([{ name: "SITE", value: "Lab" }]))).message).toBe(
      "This agent cannot set tags: setting tags needs agent version 2.9.3 or later.",
    );
  });
});
