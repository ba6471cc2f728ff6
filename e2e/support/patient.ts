import type { TestInfo } from "@playwright/test";
import { expect as baseExpect, test as base } from "../fixtures";
import { test as fileTest } from "./file-stack";
import { FIRST_PAINT_MS, STARTING_TEST_MS } from "./allowances";

/**
 * The single-agent fixtures with patience: each test starts its own agent and dashboard, and on a
 * machine shared with other test runs a first paint can take many seconds. Waiting longer only
 * slows a failing test; a passing one still finishes as soon as its condition holds.
 */
const patience = async ({}, use: () => Promise<void>, testInfo: TestInfo) => {
  testInfo.setTimeout(Math.max(testInfo.timeout, STARTING_TEST_MS));
  await use();
};

export const test = base.extend<{ patience: void }>({ patience: [patience, { auto: true }] });

/** The same patience for read-only spec files, which share one agent and dashboard per file (./file-stack). */
export const readOnlyTest = fileTest.extend<{ patience: void }>({ patience: [patience, { auto: true }] });

export const expect = baseExpect.configure({ timeout: FIRST_PAINT_MS });
