import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page, Route } from "@playwright/test";
import { contrastRatios } from "./page-checks";

/* axe-core, the engine the field audits accessibility with, run on a page as it is on screen. */

/** WCAG 2.0 and 2.1, levels A and AA: the rules the issue holds every page to. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export type AxeFinding = { rule: string; impact: string; help: string; targets: string[] };
/** Violations fail; `incomplete` is what axe could not decide by itself (kept for a person to review). */
export type AxeOutcome = { violations: AxeFinding[]; passedRules: number; incomplete: AxeFinding[] };

type AxeResult = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

/** A result with the selectors of the nodes concerned (at most five per rule) and why. */
function finding(r: AxeResult): AxeFinding {
  return {
    rule: r.id,
    impact: r.impact ?? "unknown",
    help: r.help,
    targets: r.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`),
  };
}

/** Every violation of any impact. */
export async function axeScan(page: Page): Promise<AxeOutcome> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return {
    violations: results.violations.map(finding),
    passedRules: results.passes.length,
    incomplete: results.incomplete.map(finding),
  };
}

/** One line per violation, for a failure message a person can act on. */
export function describeViolations(violations: AxeFinding[]): string {
  return violations
    .map((v) => `[${v.impact}] ${v.rule}: ${v.help}\n${v.targets.map((t) => `    ${t}`).join("\n")}`)
    .join("\n");
}

const SUMMARY = path.join("test-results", "axe", "summary.jsonl");

/** Appends one scan's result to test-results/axe/summary.jsonl (the per-page table of a run). */
export function recordScan(entry: Record<string, unknown>): void {
  mkdirSync(path.dirname(SUMMARY), { recursive: true });
  appendFileSync(SUMMARY, JSON.stringify({ t: new Date().toISOString(), ...entry }) + "\n");
}

/**
 * Holds every request the page makes to the dashboard's API, as a slow first answer would: the page
 * stays in its loading state (skeletons, "waiting for data") for as long as a scan takes. The held
 * requests go on to the real server when released.
 */
export async function holdApi(page: Page): Promise<{ held: () => number; release: () => Promise<void> }> {
  const routes: Route[] = [];
  const isApi = (url: URL) => url.pathname.startsWith("/api/");
  await page.route(isApi, (route) => {
    routes.push(route);
  });
  return {
    held: () => routes.length,
    release: async () => {
      await page.unroute(isApi);
      await Promise.all(routes.map((r) => r.continue().catch(() => undefined)));
    },
  };
}

/**
 * Reflow (WCAG 1.4.10) at a phone's width: text that lies outside the viewport, neither reachable by
 * scrolling the page sideways (the page must not scroll sideways at all) nor inside a region that
 * scrolls on its own. Returns the first few offenders.
 */
export async function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth > width + 1)
      out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px wide)`);
    const scrolls = (el: Element | null): boolean => {
      for (let e = el; e && e !== document.body; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (/(auto|scroll)/.test(s.overflowX) && e.scrollWidth > e.clientWidth) return true;
      }
      return false;
    };
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (
        !own ||
        el.closest("[hidden], [aria-hidden='true'], script, style, noscript, template, title, dialog:not([open])")
      )
        continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if ((r.right > width + 1 || r.left < -1) && !scrolls(el.parentElement))
        out.push(
          `"${(el.textContent ?? "").trim().slice(0, 40)}" spans ${Math.round(r.left)}…${Math.round(r.right)} px`,
        );
      if (out.length >= 5) break;
    }
    return out;
  });
}

/**
 * Non-text contrast (WCAG 1.4.11), which axe leaves to people: each progress bar's fill against its
 * track must reach 3:1, or the amount done cannot be told apart from the amount left.
 */
export async function progressContrastProblems(page: Page): Promise<string[]> {
  const bars = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[role="progressbar"]'))
      .filter((bar) => bar.firstElementChild && bar.getClientRects().length > 0)
      .map((bar) => ({
        label: bar.getAttribute("aria-label") ?? "",
        colours: [getComputedStyle(bar).backgroundColor, getComputedStyle(bar.firstElementChild!).backgroundColor] as [
          string,
          string,
        ],
      })),
  );
  const ratios = await contrastRatios(
    page,
    bars.map((b) => b.colours),
  );
  return bars
    .map((b, i) => ({ ...b, ratio: ratios[i] ?? 1 }))
    .filter((b) => b.ratio < 3)
    .slice(0, 5)
    .map((b) => `${b.label}: fill against track ${b.ratio.toFixed(2)}:1`);
}
