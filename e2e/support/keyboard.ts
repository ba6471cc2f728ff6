import type { Page } from "@playwright/test";
import { contrastRatios } from "./page-checks";

/* What the keyboard specs read from a page: the focused element's indicator, the selected run. */

export type FocusRing = { what: string; width: number; style: string; ratio: number };

/**
 * The focus indicator of whatever has focus: its outline (or, failing that, its box-shadow ring) and
 * the contrast of its colour against the background behind the element (the nearest opaque one).
 */
export async function focusRing(page: Page): Promise<FocusRing | null> {
  const seen = await page.evaluate(async () => {
    const el = document.activeElement;
    if (!(el instanceof HTMLElement) || el === document.body) return null;
    // Buttons fade their colours (outline included) in: read the ring once it has arrived.
    await Promise.all(el.getAnimations().map((a) => a.finished.catch(() => undefined)));
    const s = getComputedStyle(el);
    let bg = "rgb(255, 255, 255)";
    for (let e: Element | null = el.parentElement; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c !== "transparent" && !/rgba\(.*,\s*0\)$/.test(c)) {
        bg = c;
        break;
      }
    }
    const label = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40);
    return {
      what: `${el.tagName.toLowerCase()} "${label}"`,
      width: parseFloat(s.outlineWidth),
      style: s.outlineStyle,
      colour: s.outlineColor,
      bg,
    };
  });
  if (!seen) return null;
  const [ratio = 1] = await contrastRatios(page, [[seen.colour, seen.bg]]);
  return { what: seen.what, width: seen.width, style: seen.style, ratio };
}

/** Marks what has focus as seen; false when it is nothing (the body) or was seen before. */
const freshFocus = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const w = window as unknown as { tabSeen?: WeakSet<Element> };
    w.tabSeen ??= new WeakSet();
    if (!el || el === document.body || w.tabSeen.has(el)) return false;
    w.tabSeen.add(el);
    return true;
  });

/**
 * Tabs through a freshly loaded page from the top (an autofocused field is the first stop), up to
 * `max` stops or until focus leaves the page or comes round again, and reads each stop's ring.
 */
export async function tabStops(page: Page, max: number): Promise<FocusRing[]> {
  const rings: FocusRing[] = [];
  let fresh = await freshFocus(page);
  for (let i = 0; i < max; i++) {
    if (fresh) {
      const ring = await focusRing(page);
      if (ring) rings.push(ring);
    }
    await page.keyboard.press("Tab");
    fresh = await freshFocus(page);
    if (!fresh) break;
  }
  return rings;
}

/** The runs marked as chosen with j / k (aria-current), table rows or cards. */
export const selectedRun = (page: Page) => page.locator('tbody tr[aria-current="true"], article[aria-current="true"]');
