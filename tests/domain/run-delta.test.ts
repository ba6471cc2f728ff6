import { describe, expect, it } from "vitest";
import type { Run } from "@/lib/agent-api/runs";
import { equalValues } from "@/lib/domain/equal-values";
import { applyRunsDelta, diffRuns, type RunsDelta } from "@/lib/domain/run-delta";
import { mutateRun, randomPair, randomRun, seededRandom } from "./random-runs";

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const run = (runId: number, over: Partial<Run> = {}): Run => ({
  run_id: runId,
  name: `run ${runId}`,
  type: "folder",
  status: "synced",
  ...over,
});
const ids = (runs: readonly Run[]) => runs.map((r) => r.run_id);

describe("diffRuns", () => {
  it("sends nothing when nothing changed, even for rebuilt objects", () => {
    const base = [run(1, { errors: [{ code: 1 }] }), run(2)];
    expect(diffRuns(base, copy(base))).toEqual({ changed: [], removed: [] });
  });

  it("sends only the top-level fields that differ, compared deeply", () => {
    const base = [run(1, { down_speed: 5, errors: ["a"], extra: { deep: [1] } })];
    const next = [run(1, { down_speed: 6, errors: ["a"], extra: { deep: [2] } })];
    expect(diffRuns(base, next)).toEqual({
      changed: [{ run_id: 1, down_speed: 6, extra: { deep: [2] } }],
      removed: [],
    });
  });

  it("sends a gone field as null, and a new field as its value", () => {
    const base = [run(1, { eta: 30, errors: ["x"] })];
    const next = [run(1, { up_speed: 2 })];
    expect(diffRuns(base, next).changed).toEqual([{ run_id: 1, eta: null, errors: null, up_speed: 2 }]);
  });

  it("treats a null or undefined field like an absent one", () => {
    const base = [run(1, { extra: null, eta: undefined })];
    expect(diffRuns(base, [run(1)])).toEqual({ changed: [], removed: [] });
    expect(diffRuns([run(1, { eta: 3 })], [run(1, { eta: undefined })]).changed).toEqual([{ run_id: 1, eta: null }]);
  });

  it("sends new runs whole, lists removed ids, and needs no order when next only drops and appends", () => {
    const base = [run(1), run(2), run(3)];
    const next = [run(1), run(3), run(4), run(5)];
    expect(diffRuns(base, next)).toEqual({ changed: [run(4), run(5)], removed: [2] });
  });

  it("sends next's order when runs moved or a new run is not at the end", () => {
    expect(diffRuns([run(1), run(2)], [run(2), run(1)]).order).toEqual([2, 1]);
    expect(diffRuns([run(1), run(2)], [run(1), run(9), run(2)]).order).toEqual([1, 9, 2]);
  });
});

describe("applyRunsDelta", () => {
  it("returns the base array itself for an empty delta", () => {
    const base = [run(1)];
    expect(applyRunsDelta(base, { changed: [], removed: [] })).toBe(base);
  });

  it("keeps unpatched runs' objects, builds patched ones, and drops null fields", () => {
    const base = [run(1, { eta: 5, down_speed: 1 }), run(2)];
    const applied = applyRunsDelta(base, { changed: [{ run_id: 1, eta: null, down_speed: 2 }], removed: [] });
    expect(applied[0]).toEqual(run(1, { down_speed: 2 }));
    expect("eta" in applied[0]!).toBe(false);
    expect(applied[1]).toBe(base[1]);
    expect(base[0]).toEqual(run(1, { eta: 5, down_speed: 1 }));
  });

  it("reorders by `order` alone, keeping every object", () => {
    const base = [run(1), run(2), run(3)];
    const applied = applyRunsDelta(base, { changed: [], removed: [], order: [3, 1, 2] });
    expect(applied).toEqual([base[2], base[0], base[1]]);
    expect(applied[0]).toBe(base[2]);
  });

  it("refuses an order naming a run it does not hold (a delta for another base)", () => {
    expect(() => applyRunsDelta([run(1)], { changed: [], removed: [], order: [1, 7] })).toThrow(/run 7/);
  });
});

/** The run_ids whose objects a delta may replace; every other run must keep its object. */
const touchedIds = (delta: RunsDelta) => new Set(delta.changed.map((p) => p.run_id));

function expectRoundTrip(base: Run[], next: Run[], seed: number) {
  const delta = diffRuns(base, next);
  for (const wire of [delta, copy(delta)]) {
    const applied = applyRunsDelta(base, wire);
    expect(applied, `seed ${seed}`).toStrictEqual(next);
    const baseById = new Map(base.map((r) => [r.run_id, r]));
    const touched = touchedIds(wire);
    for (const r of applied)
      if (!touched.has(r.run_id)) expect(r, `seed ${seed}: run ${r.run_id} identity`).toBe(baseById.get(r.run_id));
  }
  // Minimal: a run equal in both is never listed, and removed ids are exactly those gone.
  const nextById = new Map(next.map((r) => [r.run_id, r]));
  for (const r of base) {
    const after = nextById.get(r.run_id);
    if (after && equalValues(r, after)) expect(touchedIds(delta).has(r.run_id), `seed ${seed}`).toBe(false);
  }
  expect(delta.removed, `seed ${seed}`).toEqual(ids(base).filter((id) => !nextById.has(id)));
  return delta;
}

describe("diffRuns then applyRunsDelta (property)", () => {
  it("rebuilds next from base for many random pairs, also after a JSON round-trip", () => {
    let withOrder = 0;
    let withRemoved = 0;
    let withFieldPatches = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const { base, next } = randomPair(seededRandom(seed));
      const delta = expectRoundTrip(base, next, seed);
      if (delta.order) withOrder++;
      if (delta.removed.length > 0) withRemoved++;
      if (delta.changed.some((p) => Object.keys(p).length < 4)) withFieldPatches++;
    }
    // The generator must actually reach each branch, or the property proves little.
    expect(withOrder).toBeGreaterThan(60);
    expect(withRemoved).toBeGreaterThan(60);
    expect(withFieldPatches).toBeGreaterThan(60);
  });

  it("chains: applying each delta of a sequence of polls ends at the last poll", () => {
    const random = seededRandom(42);
    let server = Array.from({ length: 40 }, (_, i) => randomRun(random, i + 1));
    let client = copy(server);
    for (let poll = 0; poll < 200; poll++) {
      const next = server.map((r) => (random() < 0.1 ? mutateRun(random, r) : r)).filter(() => random() > 0.02);
      if (random() < 0.3) next.push(randomRun(random, 1000 + poll));
      client = applyRunsDelta(client, copy(diffRuns(server, next)));
      server = next;
    }
    expect(client).toStrictEqual(server);
  });

  it("handles 5,000 runs with 5% changed, removals and additions", () => {
    const random = seededRandom(7);
    const base = Array.from({ length: 5000 }, (_, i) => randomRun(random, i + 1));
    const next = base
      .filter(() => random() > 0.001)
      .map((r) => (random() < 0.05 ? mutateRun(random, r) : structuredClone(r)));
    next.push(randomRun(random, 9001));
    const delta = expectRoundTrip(base, next, 7);
    expect(delta.changed.length).toBeLessThan(400);
    expect(delta.order).toBeUndefined();
  });
});
