import "server-only";

/**
 * Spreads bulk writes over polls: `step` writes one bounded chunk and says whether more is left; it
 * runs until nothing is left or `budgetMs` of this poll is spent (at least one chunk, so a backlog
 * always shrinks). A minute's rows for 5,000 runs then land over a few polls, and no single poll's
 * transaction holds the event loop long enough to delay the collectors or a page's request.
 */
export function drainWithin(budgetMs: number, step: () => boolean): void {
  const started = performance.now();
  while (step()) {
    if (performance.now() - started >= budgetMs) return;
  }
}
