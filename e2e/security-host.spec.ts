import http from "node:http";
import type net from "node:net";
import { expect, test } from "./fixtures";
import { raw, rawWire } from "./security-support";

/**
 * DNS rebinding: a page on evil.example re-points its name at 127.0.0.1 and then reads or changes
 * the dashboard "same-origin". Its requests then carry `Host: evil.example:PORT`, and the Host
 * allowlist is what stops them, on every kind of response.
 */
test.use({ dashboardEnv: { ALLOWED_HOSTS: "deck.lan" } });

test("the raw client really sends the Host it is given", async () => {
  let seen: string | undefined;
  const server = http.createServer((req, res) => {
    seen = req.headers.host;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  await raw((server.address() as net.AddressInfo).port, { path: "/", headers: { Host: "evil.example:1234" } });
  server.close();
  expect(seen).toBe("evil.example:1234");
});

test("a foreign Host gets 421 on pages, assets and the API, saying how to allow it; allowed names work", async ({
  dashboard,
  control,
}) => {
  const port = dashboard.port;
  const page = await raw(port, { path: "/agents/local" });
  expect(page.status).toBe(200);
  const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(page.body)?.[1];
  expect(asset, "the page loads a static script").toBeTruthy();
  await control.clearRequests();

  const paths = ["/", "/agents/local", asset!, "/api/agents/local/runs", "/api/agents/local/client", "/no-such-page"];
  for (const path of paths) {
    const evil = await raw(port, { path, headers: { Host: `evil.example:${port}` } });
    expect(evil.status, `${path} with a foreign Host`).toBe(421);
    expect(evil.body, path).toContain("ALLOWED_HOSTS=evil.example");
    expect(evil.body, path).not.toContain("TURBOPACK");
    // X-Forwarded-Host is not believed without TRUST_PROXY.
    const forwarded = await raw(port, {
      path,
      headers: {
        Host: `evil.example:${port}`,
        "X-Forwarded-Host": `127.0.0.1:${port}`,
        "X-Forwarded-For": "127.0.0.1",
      },
    });
    expect(forwarded.status, `${path} with X-Forwarded-Host`).toBe(421);
  }
  // The API's 421 is the BFF's JSON error; pages get the same words as text.
  const api = await raw(port, { path: "/api/agents/local/runs", headers: { Host: `evil.example:${port}` } });
  expect(JSON.parse(api.body)).toMatchObject({ error: { code: "host_not_allowed" } });
  // A loopback address on another port, or none, is another site too.
  for (const host of [`127.0.0.1:${port + 1}`, "127.0.0.1", `127.0.0.2:${port}`, `0.0.0.0:${port}`]) {
    expect((await raw(port, { path: "/api/agents", headers: { Host: host } })).status, host).toBe(421);
  }
  expect(await control.changes(), "no change reached the agent").toEqual([]);

  // Nor does a foreign X-Forwarded-Host spoil an allowed Host.
  for (const path of paths.slice(0, 4)) {
    const ignored = await raw(port, {
      path,
      headers: { Host: `127.0.0.1:${port}`, "X-Forwarded-Host": `evil.example:${port}` },
    });
    expect([200, 307], `${path} with an allowed Host and a foreign X-Forwarded-Host`).toContain(ignored.status);
  }

  // ALLOWED_HOSTS=deck.lan: that name works, on our port or bare (as a reverse proxy forwards it).
  for (const host of [`deck.lan:${port}`, "deck.lan", `DECK.LAN:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
    const ok = await raw(port, { path: "/agents/local", headers: { Host: host } });
    expect(ok.status, host).toBe(200);
    expect(ok.body).toContain("<html");
  }
  const runs = await raw(port, { path: "/api/agents/local/runs", headers: { Host: `deck.lan:${port}` } });
  expect(runs.status).toBe(200);
  expect(JSON.parse(runs.body)).toHaveLength(25);
});

test("HTTP's own Host rules: an absolute-form target names the host, and two Host headers are refused", async ({
  dashboard,
  control,
}) => {
  const port = dashboard.port;
  await control.clearRequests();
  // RFC 9112 §3.2.2: the target's authority wins over the Host header.
  const absolute = await rawWire(
    port,
    `GET http://evil.example:${port}/api/agents/local/runs HTTP/1.1\nHost: 127.0.0.1:${port}\nConnection: close\n\n`,
  );
  expect(absolute.status).toBe(421);
  expect(absolute.body).toContain("ALLOWED_HOSTS");
  const absolutePage = await rawWire(
    port,
    `GET http://evil.example:${port}/agents/local HTTP/1.1\nHost: 127.0.0.1:${port}\nConnection: close\n\n`,
  );
  expect(absolutePage.status).toBe(421);
  const absoluteOk = await rawWire(
    port,
    `GET http://127.0.0.1:${port}/api/agents HTTP/1.1\nHost: evil.example:${port}\nConnection: close\n\n`,
  );
  expect(absoluteOk.status).toBe(200);
  // §3.2: more than one Host is a 400, whichever comes first.
  for (const [first, second] of [
    [`127.0.0.1:${port}`, `evil.example:${port}`],
    [`evil.example:${port}`, `127.0.0.1:${port}`],
  ]) {
    const two = await rawWire(
      port,
      `GET /api/agents/local/runs HTTP/1.1\nHost: ${first}\nHost: ${second}\nConnection: close\n\n`,
    );
    expect(two.status).toBe(400);
    expect(two.head.toLowerCase()).toContain("x-content-type-options: nosniff");
  }
  expect(await control.changes(), "no change reached the agent").toEqual([]);
});

test("a rebound page in a real browser can neither read nor change anything", async ({
  dashboard,
  control,
  playwright,
  launchOptions,
}) => {
  // Chromium resolves rebind.test to 127.0.0.1, as the attacker's DNS would after rebinding.
  // Chromium's own Private Network Access checks would stop the attacker's page before our server
  // sees anything; they are turned off, as browsers without them (and older ones) behave, so what is
  // tested is the dashboard's own defence.
  const lenient =
    "--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,LocalNetworkAccessChecks";
  const browser = await playwright.chromium.launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []), "--host-resolver-rules=MAP rebind.test 127.0.0.1", lenient],
  });
  try {
    const page = await browser.newPage();
    const origin = `http://rebind.test:${dashboard.port}`;
    const direct = await page.goto(`${origin}/agents/local`);
    expect(direct?.status()).toBe(421);
    await expect(page.getByText(/ALLOWED_HOSTS/)).toBeVisible();

    // The attacker's script runs in its own document of origin rebind.test:PORT, served before the
    // name was rebound (our 421 page would not do: its CSP forbids it any fetch at all), and the
    // name now points at 127.0.0.1. page.evaluate stands in for that script.
    await page.route(`${origin}/attacker`, (route) =>
      route.fulfill({ contentType: "text/html", body: "<!doctype html><title>You won!</title>" }),
    );
    await page.goto(`${origin}/attacker`);
    await control.clearRequests();
    // Same-origin as far as the browser knows, so it may read answers and send any header.
    const results = await page.evaluate(async () => {
      const read = await fetch("/api/agents/local/runs");
      const change = await fetch("/api/agents/local/client", {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ paused: true }),
      });
      return { read: read.status, readBody: await read.text(), change: change.status };
    });
    expect(results.read).toBe(421);
    expect(results.readBody).not.toContain("run_id");
    expect(results.change).toBe(421);
    expect(await control.changes(), "no change reached the agent").toEqual([]);
  } finally {
    await browser.close();
  }
  // The same request from the dashboard's own origin is answered with the agent's runs: the 421 was
  // the Host check. (The answer comes from the collector's snapshot, which may be fresh enough that
  // this read asks the agent nothing; so the runs themselves are what is checked.)
  const ok = await raw(dashboard.port, { path: "/api/agents/local/runs" });
  expect(ok.status).toBe(200);
  const runs = JSON.parse(ok.body) as { run_id: unknown }[];
  expect(runs.length).toBeGreaterThan(0);
  expect(runs.every((r) => typeof r.run_id === "number")).toBe(true);
});
