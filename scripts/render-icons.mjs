/*
 * Renders the app's PNG icons from their SVG sources (public/icons/*.svg) with the installed
 * Chromium, so the PNGs committed beside them never drift from the drawing: `node scripts/render-icons.mjs`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { chromiumExecutable } from "./lib/chromium.cjs";

const ICONS = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "public", "icons");
const OUTPUTS = [
  { svg: "icon.svg", png: "icon-192.png", size: 192 },
  { svg: "icon.svg", png: "icon-512.png", size: 512 },
  { svg: "icon.svg", png: "apple-touch-icon.png", size: 180, background: "#ffffff" },
  { svg: "icon-maskable.svg", png: "icon-maskable-512.png", size: 512 },
];

const browser = await chromium.launch({ executablePath: chromiumExecutable() });
try {
  for (const { svg, png, size, background } of OUTPUTS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const source = readFileSync(path.join(ICONS, svg), "utf8");
    // Apple's touch icons get no transparency (iOS fills it black), hence an opaque background there.
    await page.setContent(
      `<html><body style="margin:0;background:${background ?? "transparent"}">` +
        `<img style="display:block;width:${size}px;height:${size}px" src="data:image/svg+xml;base64,${Buffer.from(source).toString("base64")}"></body></html>`,
    );
    await page.screenshot({ path: path.join(ICONS, png), omitBackground: !background });
    await page.close();
    console.log(`${png} (${size}x${size}) from ${svg}`);
  }
} finally {
  await browser.close();
}
