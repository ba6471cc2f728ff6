import { expect, type Locator, type Page } from "@playwright/test";

/* Measurements several specs make of a rendered page, taken in the browser itself. */

export async function scrollExtent(page: Page) {
  return page.evaluate(() => ({
    scrollHeight: document.documentElement.scrollHeight,
    innerHeight: window.innerHeight,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}

/** Anything a person could operate: the wall views promise there is none. */
export const CONTROLS =
  'button, input, select, textarea, a[href], [role="button"], [role="link"], [contenteditable="true"], [tabindex]:not([tabindex="-1"])';

/**
 * Relative luminance (0 black … 1 white) of CSS colours, resolved in the page through a canvas so
 * any CSS colour syntax (Tailwind 4 uses oklch) becomes sRGB.
 */
async function luminances(page: Page, colours: string[]): Promise<number[]> {
  return page.evaluate((css) => {
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
    if (!ctx) throw new Error("no 2d canvas");
    const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return css.map((colour) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = colour;
      ctx.fillRect(0, 0, 1, 1);
      const [r = 0, g = 0, b = 0] = ctx.getImageData(0, 0, 1, 1).data;
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    });
  }, colours);
}

/** WCAG contrast ratio (1 … 21) of each pair of (opaque) CSS colours. */
export async function contrastRatios(page: Page, pairs: [string, string][]): Promise<number[]> {
  const l = await luminances(page, pairs.flat());
  return pairs.map((_, i) => {
    const [hi = 0, lo = 0] = [l[2 * i] ?? 0, l[2 * i + 1] ?? 0].sort((a, b) => b - a);
    return (hi + 0.05) / (lo + 0.05);
  });
}

/** Relative luminance of an element's computed background. */
export async function backgroundLuminance(target: Locator): Promise<number> {
  const colour = await target.evaluate((el) => getComputedStyle(el).backgroundColor);
  const [l = 0] = await luminances(target.page(), [colour]);
  return l;
}

/** WCAG contrast ratio (1 … 21) of an element's text against its own (opaque) background. */
export async function textContrast(target: Locator): Promise<number> {
  const pair = await target.evaluate(
    (el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor] as [string, string],
  );
  const [ratio = 1] = await contrastRatios(target.page(), [pair]);
  return ratio;
}

/** The smallest font size (px) of any visible element that directly holds text. */
export async function smallestTextPx(page: Page): Promise<{ px: number; text: string }> {
  return page.evaluate(() => {
    let min = { px: Number.POSITIVE_INFINITY, text: "" };
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      const own = Array.from(el.childNodes).some(
        (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim() !== "",
      );
      if (!own || el.closest("[hidden], [aria-hidden='true'], script, style, noscript, title")) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < min.px) min = { px, text: (el.textContent ?? "").trim().slice(0, 60) };
    }
    return min;
  });
}

/** How many x,y pairs a sparkline's download series draws. */
export async function sparklinePoints(scope: Locator): Promise<number> {
  const points = await scope
    .locator('svg[role="img"] polyline[data-series="down"]')
    .first()
    .getAttribute("points", { timeout: 1000 })
    .catch(() => null);
  return (points ?? "").trim().split(/\s+/).filter(Boolean).length;
}

/** What a wall view at 1920×1080 must be: no scrolling, dark, type readable from across a room, nothing to operate. */
export async function expectWallBasics(page: Page) {
  const m = await scrollExtent(page);
  expect(m.scrollHeight).toBeLessThanOrEqual(m.innerHeight);
  expect(m.scrollWidth).toBeLessThanOrEqual(m.innerWidth);
  await expect(page.locator(CONTROLS)).toHaveCount(0);
  expect(await backgroundLuminance(page.locator("body > *:visible").first())).toBeLessThan(0.02);
  const smallest = await smallestTextPx(page);
  expect(smallest.px, `"${smallest.text}" is too small to read from across a room`).toBeGreaterThanOrEqual(20);
}

/**
 * Scrolls down the page a screen at a time to its end, then back to the top: panels drawn when they
 * come near the screen (lib/client/use-near-screen.ts) are all drawn then, as for a reader who has
 * gone through the page.
 */
export async function scrollThrough(page: Page) {
  const frame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  for (let screens = 0; screens < 30; screens++) {
    await frame();
    const moved = await page.evaluate(() => {
      const before = scrollY;
      scrollBy(0, innerHeight);
      return scrollY > before;
    });
    if (!moved) break;
  }
  await frame();
  await page.evaluate(() => scrollTo(0, 0));
}
