import { chromium } from "@playwright/test";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/file-stack";

/*
 * Installable: a wall PC or a phone can install Agent Deck as an app window of its own. The
 * manifest and its icons are checked as a browser reads them, and Chromium itself is asked
 * (DevTools Protocol) whether it would offer to install the page.
 */
type Manifest = {
  name: string;
  short_name: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
};

/** A PNG's width and height from its IHDR chunk (bytes 16-23, big-endian). */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test("the manifest names the app, opens it standalone and lists icons that are what they say", async ({ page }) => {
  const res = await page.request.get("/manifest.webmanifest");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = (await res.json()) as Manifest;
  expect(manifest).toMatchObject({ name: "Agent Deck", start_url: "/", scope: "/", display: "standalone" });
  expect(manifest.short_name.length).toBeLessThanOrEqual(12);
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);

  const pngs = manifest.icons.filter((i) => i.type === "image/png");
  expect(pngs.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
  for (const icon of pngs) {
    const img = await page.request.get(icon.src);
    expect(img.status(), icon.src).toBe(200);
    expect(img.headers()["content-type"]).toBe("image/png");
    expect(pngSize(await img.body()), icon.src).toBe(icon.sizes);
  }
  const svg = await page.request.get(manifest.icons.find((i) => i.type === "image/svg+xml")!.src);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
});

test("the page links the manifest, both themes' colours and a touch icon", async ({ page }) => {
  await page.goto("/agents/local");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", /manifest\.webmanifest/);
  const themes = await page
    .locator('meta[name="theme-color"]')
    .evaluateAll((metas) => metas.map((m) => [m.getAttribute("media"), m.getAttribute("content")]));
  expect(themes).toEqual([
    ["(prefers-color-scheme: light)", "#fafafa"],
    ["(prefers-color-scheme: dark)", "#09090b"],
  ]);
  const touch = await page.locator('link[rel="apple-touch-icon"]').getAttribute("href");
  const img = await page.request.get(touch!);
  expect(pngSize(await img.body())).toBe("180x180");
  // Browsers ask for /favicon.ico by themselves: an icon there, not a 404 in the console.
  const ico = await page.request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  expect([...(await ico.body()).subarray(0, 4)]).toEqual([0, 0, 1, 0]); // an ICO header
});

// Chromium never offers to install from an incognito profile, which a test's browser context is:
// this one opens a real profile (a temporary directory) with the project's own launch options.
test("Chromium finds nothing in the way of installing it", async ({ baseURL }, testInfo) => {
  const profile = mkdtempSync(path.join(os.tmpdir(), "deck-profile-"));
  const context = await chromium.launchPersistentContext(profile, testInfo.project.use.launchOptions);
  try {
    const page = await context.newPage();
    await page.goto(`${baseURL}/agents/local`);
    const cdp = await context.newCDPSession(page);
    const { url, errors } = await cdp.send("Page.getAppManifest");
    expect(url).toMatch(/\/manifest\.webmanifest$/);
    expect(errors).toEqual([]);
    // Icons are fetched after load; until then Chromium may still report them missing.
    await expect
      .poll(async () => (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors.map((e) => e.errorId))
      .toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
