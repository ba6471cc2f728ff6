import type { Page } from "@playwright/test";

/** Records every string the page draws on a canvas (uPlot draws its axis labels there); call before goto. */
export async function recordCanvasText(page: Page) {
  await page.addInitScript(() => {
    const drawn: string[] = [];
    (window as unknown as { drawnText: string[] }).drawnText = drawn;
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
      drawn.push(String(text));
      return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
    };
  });
}

/** Every string drawn so far, oldest first. */
export const drawnText = (page: Page) =>
  page.evaluate(() => [...(window as unknown as { drawnText: string[] }).drawnText]);
