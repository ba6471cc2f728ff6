import { expect as baseExpect, test as base } from "../fixtures";

/**
 * The single-agent fixtures with patience: each test starts its own agent and dashboard, and on a
 * machine shared with other test runs a first paint can take many seconds. Waiting longer only
 * slows a failing test; a passing one still finishes as soon as its condition holds.
 */
export const test = base.extend<{ patience: void }>({
  patience: [
    async ({}, use, testInfo) => {
      testInfo.setTimeout(Math.max(testInfo.timeout, 240_000));
      await use();
    },
    { auto: true },
  ],
});

export const expect = baseExpect.configure({ timeout: 45_000 });
