import type { BrowserContext, Page } from "@playwright/test";

/**
 * Lets the page show desktop notifications and records each one's title: the browser's own
 * Notification constructor is wrapped (our code is not touched), then called as usual.
 */
export async function captureNotifications(context: BrowserContext, page: Page) {
  await context.grantPermissions(["notifications"]);
  await page.addInitScript(() => {
    const shown: string[] = [];
    (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
    const Original = window.Notification;
    class Recorded extends Original {
      constructor(title: string, options?: NotificationOptions) {
        shown.push(title);
        super(title, options);
      }
    }
    window.Notification = Recorded;
  });
  return () => page.evaluate(() => [...(window as unknown as { shownNotifications: string[] }).shownNotifications]);
}
