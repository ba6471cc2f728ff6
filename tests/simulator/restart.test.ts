import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type Simulator } from "../support/processes";
import { agent, control, errorCode, getToken, waitUntil } from "./helpers";

describe("restart over HTTP", () => {
  let sim: Simulator;
  beforeAll(
    async () => (sim = await startSimulator(["--runs", "5", "--restart-downtime-ms", "500", "--tick-ms", "100"])),
  );
  afterAll(() => sim?.stop());

  it("answers {}, goes away (connection refused), comes back with a new token and no restartRequired", async () => {
    const oldToken = await getToken(sim);
    await agent(sim, "/api/v3/client?paused=true", oldToken, { method: "PATCH" });
    expect((await (await agent(sim, "/api/v3/client", oldToken)).json()).restartRequired).toBe("true");

    const res = await agent(sim, "/api/v3/client", oldToken, {
      method: "PATCH",
      body: JSON.stringify({ restart: true }),
    });
    expect([res.status, await res.json()]).toEqual([200, {}]);
    const answeredAt = Date.now();

    const refused = await waitUntil(
      "connection refused",
      async () => {
        try {
          await fetch(`${sim.url}/api/v3/token`);
          return undefined;
        } catch (e) {
          return errorCode(e) === "ECONNREFUSED" ? Date.now() : undefined;
        }
      },
      2000,
      10,
    );
    expect(refused - answeredAt).toBeLessThan(1000);

    const back = await waitUntil(
      "agent back",
      async () => {
        try {
          return (await fetch(`${sim.url}/api/v3/token`)).ok ? Date.now() : undefined;
        } catch {
          return undefined;
        }
      },
      5000,
      25,
    );
    expect(back - answeredAt).toBeGreaterThanOrEqual(500);

    const newToken = await getToken(sim);
    expect(newToken).not.toBe(oldToken);
    expect((await agent(sim, "/api/v3/client", oldToken)).status).toBe(401);
    const status = await (await agent(sim, "/api/v3/client", newToken)).json();
    expect(status).not.toHaveProperty("restartRequired");
    expect(status.paused).toBe(false);
    const tokens = await control<string[]>(sim, "GET", "/tokens");
    expect(tokens.body).toEqual([oldToken, newToken]);
  });
});
