import { chromium } from "@playwright/test";
(async () => {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const t0 = Date.now();
  const log = (m: string) => console.log(String(Date.now() - t0).padStart(6), m);
  page.on("request", (r) => { if (r.url().includes("/api/") || r.resourceType() === "document") log(`req ${r.resourceType()} ${new URL(r.url()).pathname}`); });
  page.on("requestfinished", (r) => { if (r.url().includes("/api/") || r.resourceType() === "document") log(`done ${new URL(r.url()).pathname}`); });
  page.on("domcontentloaded", () => log("DOMContentLoaded"));
  page.on("load", () => log("load"));
  await page.goto(process.argv[2]!);
  await page.locator("tbody [role=progressbar]").first().waitFor({ timeout: 60000 });
  log("first rows");
  await browser.close();
})();
