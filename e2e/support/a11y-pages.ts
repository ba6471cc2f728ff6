import type { Locator, Page } from "@playwright/test";

/*
 * Every page the accessibility spec (e2e/a11y.spec.ts) audits, one line each. A page added later
 * (a settings page, say) is one more line here; the spec runs it in both themes, both widths and
 * every state listed.
 */

/** What the page shows: its data; its loading state (every API answer held back); an agent that went down. */
export type PageState = "data" | "loading" | "outage";
export const ALL_STATES: PageState[] = ["data", "loading", "outage"];

/** What the spec knows of the fleet it started: office-pc (25 runs), render-nas, lab-mac (never up). */
export type FleetFacts = { runId: number };

export type AuditedPage = {
  name: string;
  path: (facts: FleetFacts) => string;
  /** Shown once the page has its data (in the outage state, its last known data or its problem). */
  ready: (page: Page) => Locator;
  /** Default: all three. A page that shows no agent data has one state only. */
  states?: PageState[];
  /** The sign-in page is seen signed out; every other page signed in. */
  signedOut?: boolean;
};

const heading = (name: string | RegExp) => (page: Page) => page.getByRole("heading", { level: 1, name });
const wallClock = (page: Page) => page.getByLabel("Current time").filter({ hasText: /\d\d:\d\d/ });

export const AUDITED_PAGES: AuditedPage[] = [
  { name: "overview", path: () => "/", ready: (p) => p.getByRole("region", { name: "Office PC" }).getByRole("link") },
  { name: "agent", path: () => "/agents/office-pc", ready: (p) => p.getByRole("progressbar").first() },
  { name: "agent, never reached", path: () => "/agents/lab-mac", ready: heading("Lab Mac"), states: ["outage"] },
  { name: "run", path: (f) => `/agents/office-pc/runs/${f.runId}`, ready: (p) => p.getByRole("progressbar").first() },
  { name: "activity, agent", path: () => "/agents/office-pc/activity", ready: (p) => p.getByRole("listitem").first() },
  { name: "activity, all agents", path: () => "/activity", ready: (p) => p.getByRole("listitem").first() },
  { name: "wall, agent", path: () => "/agents/office-pc/wall", ready: wallClock },
  { name: "wall, all agents", path: () => "/wall", ready: wallClock },
  { name: "sign-in", path: () => "/login", ready: (p) => p.getByLabel("Password"), states: ["data"], signedOut: true },
];
