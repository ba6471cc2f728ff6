/**
 * A tiny seeded PRNG (mulberry32). The simulated world must be reproducible from `--seed` so that
 * unit tests and benchmarks see the same runs every time; Math.random cannot be seeded.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Log-uniform in [min, max]: sizes and speeds span orders of magnitude, so draw the exponent. */
  logUniform(min: number, max: number): number {
    return min * Math.pow(max / min, this.next());
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
}

/** Probability that an event with mean interval `meanMs` happens within `dtMs` (Poisson process). */
export function chanceWithin(dtMs: number, meanMs: number): number {
  return 1 - Math.exp(-dtMs / meanMs);
}
