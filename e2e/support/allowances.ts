/*
 * How long the browser tests wait on a loaded 2-core machine (a CI runner running the suite with two
 * workers), in one place. A passing test never waits these out: an expectation returns as soon as it
 * holds. They bound how long a failing test takes to say so, which is why they are no longer than
 * measured need (README, "Tests": the figures and how they were taken).
 */

/**
 * A fresh dashboard's first page with its data, or a first poll seen through it: seen to take up to
 * 25 s once, on a machine shared with other suites; a few seconds in a CI-like run.
 */
export const FIRST_PAINT_MS = 30_000;

/**
 * A test (or a beforeAll) that starts processes of its own (agents, dashboards, a hub, Prometheus)
 * and waits for their first data. Each start is bounded on its own (tests/support/processes.ts).
 */
export const STARTING_TEST_MS = 180_000;
