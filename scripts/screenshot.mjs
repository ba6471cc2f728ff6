#!/usr/bin/env node
// Takes a screenshot of a running dashboard, as a person would see it, in Chromium:
//   node scripts/screenshot.mjs http://127.0.0.1:3841/agents/local docs/screenshot.png 1600x1000 [dark]
import { chromium } from "@playwright/test";
import { chromiumExecutable } from "./lib/chromium.cjs";

const [url = "http://127.0.0.1:3841/agents/local", out = "docs/screenshot.png", size = "1600x1000", scheme = "light"] =
  process.argv.slice(2);
const [width, height] = size.split("x").map(Number);
const browser = await chromium.launch({
  executablePath: chromiumExecutable(),
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme === "dark" ? "dark" : "light" });
await page.goto(url);
await page.getByRole("progressbar").first().waitFor({ timeout: 30_000 });
await page.waitForTimeout(6000); // a few polls, so speeds and the chart have data
await page.screenshot({ path: out });
await browser.close();
console.log(`screenshot: ${out}`);
