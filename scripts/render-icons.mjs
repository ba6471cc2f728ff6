/*
 * Renders the app's PNG icons from their SVG sources (public/icons/*.svg) with the installed
 * Chromium, so the PNGs committed beside them never drift from the drawing: `node scripts/render-icons.mjs`.
 * Also app/favicon.ico (16, 32 and 48 px PNGs in an ICO container): browsers ask for /favicon.ico
 * by themselves, and a 404 there is an error in the console.
 */
import { readFileSync, writeFileSync } from "node:fs";
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

const FAVICON = path.join(ICONS, "..", "..", "app", "favicon.ico");
const FAVICON_SIZES = [16, 32, 48];

/** An ICO file holding PNG images (Windows Vista on, every current browser): header, directory, data. */
function ico(pngs) {
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1: icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(({ size, data }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size % 256, at); // 0 means 256
    header.writeUInt8(size % 256, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...pngs.map((p) => p.data)]);
}

const browser = await chromium.launch({ executablePath: chromiumExecutable() });
const render = async (svg, size, background) => {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const source = readFileSync(path.join(ICONS, svg), "utf8");
  // Apple's touch icons get no transparency (iOS fills it black), hence an opaque background there.
  await page.setContent(
    `<html><body style="margin:0;background:${background ?? "transparent"}">` +
      `<img style="display:block;width:${size}px;height:${size}px" src="data:image/svg+xml;base64,${Buffer.from(source).toString("base64")}"></body></html>`,
  );
  const data = await page.screenshot({ omitBackground: !background });
  await page.close();
  return data;
};
try {
  for (const { svg, png, size, background } of OUTPUTS) {
    writeFileSync(path.join(ICONS, png), await render(svg, size, background));
    console.log(`${png} (${size}x${size}) from ${svg}`);
  }
  const frames = [];
  for (const size of FAVICON_SIZES) frames.push({ size, data: await render("icon.svg", size) });
  writeFileSync(FAVICON, ico(frames));
  console.log(`app/favicon.ico (${FAVICON_SIZES.join(", ")} px) from icon.svg`);
} finally {
  await browser.close();
}
