import type { Run } from "@/lib/agent-api/runs";

/** mulberry32: a tiny seeded PRNG, so a failing property case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = ReturnType<typeof seededRandom>;

const STATUSES = ["syncing", "synced", "paused", "error", "downloading", "something new"];
const int = (random: Random, below: number) => Math.floor(random() * below);
const chance = (random: Random, p: number) => random() < p;
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)]!;

function randomErrors(random: Random): unknown[] {
  return Array.from({ length: int(random, 3) }, () =>
    chance(random, 0.5)
      ? pick(random, ["disk full", "access denied"])
      : { code: int(random, 3), message: pick(random, ["x", "y"]) },
  );
}

/** A run with the required fields and a random subset of the optional and unknown ones. */
export function randomRun(random: Random, runId: number): Run {
  const run: Run = {
    run_id: runId,
    name: `run ${runId}`,
    type: pick(random, ["folder", "transfer", "script"]),
    status: pick(random, STATUSES),
  };
  if (chance(random, 0.7)) run.down_speed = int(random, 1000);
  if (chance(random, 0.7)) run.up_speed = int(random, 1000);
  if (chance(random, 0.6)) run.size_total = int(random, 10_000);
  if (chance(random, 0.6)) run.size_completed = int(random, 10_000);
  if (chance(random, 0.3)) run.errors = randomErrors(random);
  if (chance(random, 0.2)) run.future_field = { nested: [int(random, 2), { deep: int(random, 2) }] };
  return run;
}

/** A changed copy of `run`: fields changed, added, removed, or rebuilt with equal values. */
export function mutateRun(random: Random, run: Run): Run {
  const next: Record<string, unknown> = structuredClone(run);
  const edits = 1 + int(random, 3);
  for (let i = 0; i < edits; i++) {
    switch (int(random, 7)) {
      case 0:
        next.down_speed = int(random, 1000);
        break;
      case 1:
        delete next.up_speed;
        break;
      case 2:
        next.status = pick(random, STATUSES);
        break;
      case 3:
        next.errors = randomErrors(random);
        break;
      case 4:
        delete next.errors;
        break;
      case 5:
        next.future_field = chance(random, 0.5) ? { nested: [int(random, 2), { deep: int(random, 2) }] } : "flat";
        break;
      default:
        delete next.future_field;
    }
  }
  return next as Run;
}

function shuffle<T>(random: Random, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = int(random, i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * A (base, next) pair like two polls of an agent: some runs gone, some new, some changed, the rest
 * equal (deep copies, so equality and not identity is what the diff must see), sometimes reordered.
 */
export function randomPair(random: Random): { base: Run[]; next: Run[] } {
  const ids = shuffle(
    random,
    Array.from({ length: 60 }, (_, i) => i + 1),
  );
  const base = ids.slice(0, int(random, 25)).map((id) => randomRun(random, id));
  const next: Run[] = [];
  for (const run of base) {
    if (chance(random, 0.15)) continue;
    next.push(chance(random, 0.3) ? mutateRun(random, run) : structuredClone(run));
  }
  const fresh = ids.slice(base.length, base.length + int(random, 5)).map((id) => randomRun(random, id));
  if (chance(random, 0.5)) next.push(...fresh);
  else for (const run of fresh) next.splice(int(random, next.length + 1), 0, run);
  if (chance(random, 0.2)) shuffle(random, next);
  return { base, next };
}
