import "server-only";
import { AppError } from "./errors";

/**
 * One budget for every exchange with every agent, together: the per-answer cap (32 MB) bounds one
 * answer, not twenty. Without it, many agents (or one agent and many mutations) answering with
 * large bodies at once would each hold their own 32 MB, outside the V8 heap HEAP_LIMIT_MB caps.
 *
 * - At most UPSTREAM_CONCURRENCY exchanges are in flight; the next waits its turn, first come first
 *   served, and the wait counts against its own deadline (a request never outlives its timeout).
 * - At most UPSTREAM_BUDGET_BYTES of answer bodies are held at once; the exchange whose chunk would
 *   cross it is stopped with an honest error, and the others go on.
 */
export const UPSTREAM_CONCURRENCY = 8;
export const UPSTREAM_BUDGET_BYTES = 96 * 1024 * 1024;

export type Grant = {
  /** Takes `bytes` more from the shared byte budget; false (and nothing taken) when it would cross it. */
  take(bytes: number): boolean;
  /** Gives the slot and every byte taken back; calling it again does nothing. */
  release(): void;
};

type Waiter = { admit: () => void; timer: NodeJS.Timeout };

class UpstreamBudget {
  private inFlight = 0;
  private heldBytes = 0;
  private peakHeldBytes = 0;
  private readonly queue: Waiter[] = [];

  /** A slot for one exchange, or an agent_timeout error when none frees up within `waitMs`. */
  acquire(waitMs: number): Promise<Grant> {
    if (this.inFlight < UPSTREAM_CONCURRENCY) return Promise.resolve(this.grant());
    return new Promise<Grant>((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          resolve(this.grant());
        },
        timer: setTimeout(() => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          reject(
            new AppError(
              "agent_timeout",
              `The agent was not asked: the dashboard's ${UPSTREAM_CONCURRENCY} connections to agents stayed busy for ${waitMs} ms`,
            ),
          );
        }, waitMs),
      };
      this.queue.push(waiter);
    });
  }

  /** What is in use now and the most bytes ever held at once (for /api/metrics). */
  usage(): { inFlight: number; queued: number; heldBytes: number; peakHeldBytes: number } {
    return {
      inFlight: this.inFlight,
      queued: this.queue.length,
      heldBytes: this.heldBytes,
      peakHeldBytes: this.peakHeldBytes,
    };
  }

  private grant(): Grant {
    this.inFlight++;
    let mine = 0;
    let released = false;
    return {
      take: (bytes) => {
        if (released || this.heldBytes + bytes > UPSTREAM_BUDGET_BYTES) return false;
        mine += bytes;
        this.heldBytes += bytes;
        this.peakHeldBytes = Math.max(this.peakHeldBytes, this.heldBytes);
        return true;
      },
      release: () => {
        if (released) return;
        released = true;
        this.heldBytes -= mine;
        this.inFlight--;
        // The slot passes straight to the oldest waiter, so a stream of newcomers cannot starve it.
        this.queue.shift()?.admit();
      },
    };
  }
}

const KEY = Symbol.for("agent-deck.upstream-budget");
type Holder = { [KEY]?: UpstreamBudget };

/** One per process, on globalThis: Next may load this module once per route bundle. */
export function upstreamBudget(): UpstreamBudget {
  const holder = globalThis as Holder;
  holder[KEY] ??= new UpstreamBudget();
  return holder[KEY];
}

export function overBudget(): AppError {
  return new AppError(
    "agent_bad_response",
    `The agents' answers in progress would exceed the dashboard's budget of ${UPSTREAM_BUDGET_BYTES / 1024 / 1024} MB; this answer was stopped`,
  );
}
