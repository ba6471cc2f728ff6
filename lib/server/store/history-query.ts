import "server-only";
import type Database from "better-sqlite3";
import { HISTORY_RANGE_MS, type HistoryPoint, type HistoryRange, type HistoryResponse } from "@/lib/bff/contract-store";
import type { HistoryWriter, SlotRow } from "./history";
import { MINUTE_MS, agentTiers, bucketOf, planFor, runTiers, type TierTable } from "./history-tiers";

/**
 * Answers GET .../history: the range picks a tier and a bucket width (history-tiers.ts), buckets
 * are averaged in SQL, and what the writer holds in memory (queued and current minutes and hours)
 * is merged in, so the newest minute shows before it is written and spreading writes changes nothing.
 *
 * A run's bucket is its speed summed over the slots it moved in, divided by the slots in which the
 * dashboard watched the agent at all (its minutes): a run with no row in a watched minute was still,
 * so it reads 0 there, while minutes nobody watched (the dashboard down, the agent unreachable) have
 * no point at all.
 */
export type SeriesQuery = {
  agent: string;
  range: HistoryRange;
  runId?: string;
  now: number;
  /** The run is in the agent's current list (known even before it ever moved). */
  listed?: boolean;
};

type Bucket = { down: number; up: number; n: number; lastT: number; completed: number; total: number };
type Stored = { n?: number; down: number; up: number; completed: number; total: number };

export class HistoryReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly writer: HistoryWriter,
  ) {}

  history(q: SeriesQuery): HistoryResponse {
    const rangeMs = HISTORY_RANGE_MS[q.range];
    const run = q.runId;
    const plan =
      run === undefined
        ? planFor(agentTiers(this.writer.pollIntervalMs, this.writer.historyDays), rangeMs)
        : planFor(runTiers(this.writer.historyDays), rangeMs);
    const head = { range: q.range, rangeMs, to: q.now, intervalMs: plan.stepMs };
    if (run !== undefined && !q.listed && !this.hasRun(q.agent, run)) return { ...head, points: [] };
    const from = this.from(q.agent);
    // Whole buckets: the first one starts at or before the range's start.
    const since = plan.raw ? q.now - rangeMs : bucketOf(q.now - rangeMs, plan.stepMs);
    const step = plan.raw ? 1 : plan.stepMs;
    const table = plan.tier.table;
    const points =
      run === undefined
        ? this.agentPoints(table, q.agent, since, step)
        : this.runPoints(table, plan.tier.resolutionMs, q.agent, run, since, step);
    return { ...head, ...(from === undefined ? {} : { from }), points };
  }

  /** Where this agent's history starts (the oldest point or minute kept): "watching since". */
  from(agent: string): number | undefined {
    const first = (table: TierTable) =>
      (this.statement(`SELECT min(t) AS t FROM ${table} WHERE agent = ?`).get(agent) as { t: number | null }).t ??
      undefined;
    const points = first("agent_points");
    const minutes = [
      first("agent_minutes"),
      ...this.writer.unwritten(agent, "agent_minutes", "").map((r) => r.t),
    ].filter((t) => t !== undefined);
    const minute = minutes.length > 0 ? Math.min(...minutes) : undefined;
    // A minute row is keyed by its start, before its first poll: the poll's own time is exact.
    if (points !== undefined && (minute === undefined || minute >= bucketOf(points, MINUTE_MS))) return points;
    return minute;
  }

  private hasRun(agent: string, runId: string): boolean {
    return (["run_minutes", "run_hours"] as const).some(
      (table) =>
        this.statement(`SELECT 1 FROM ${table} WHERE agent = ? AND run_id = ? LIMIT 1`).get(agent, runId) !==
          undefined || this.writer.unwritten(agent, table, runId).length > 0,
    );
  }

  private agentPoints(table: TierTable, agent: string, since: number, step: number): HistoryPoint[] {
    return [...this.sums(table, agent, undefined, since, step)].map(([t, b]) => ({
      t,
      down: Math.round(b.down / b.n),
      up: Math.round(b.up / b.n),
    }));
  }

  private runPoints(
    table: TierTable,
    slotMs: number,
    agent: string,
    runId: string,
    since: number,
    step: number,
  ): HistoryPoint[] {
    const watched = this.watchedSlots(agent, since, slotMs, step);
    const sums = this.sums(table, agent, runId, since, step);
    // Progress is a level: a bucket the run did not move in has the progress it had before.
    let progress = this.statement(
      `SELECT completed, total FROM ${table} WHERE agent = ? AND run_id = ? AND t < ? ORDER BY t DESC LIMIT 1`,
    ).get(agent, runId, since) as { completed: number; total: number } | undefined;
    const buckets = [...new Set([...watched.keys(), ...sums.keys()])].sort((a, b) => a - b);
    return buckets.map((t) => {
      const b = sums.get(t);
      if (b) progress = b;
      const n = watched.get(t) ?? b?.n ?? 1;
      return {
        t,
        down: Math.round((b?.down ?? 0) / n),
        up: Math.round((b?.up ?? 0) / n),
        ...(progress ? { completed: progress.completed, total: progress.total } : {}),
      };
    });
  }

  /** Per bucket, how many slots (minutes or hours) the dashboard has data of the agent for. */
  private watchedSlots(agent: string, since: number, slotMs: number, step: number): Map<number, number> {
    const rows = this.statement(`SELECT DISTINCT t - t % ? AS s FROM agent_minutes WHERE agent = ? AND t >= ?`).all(
      slotMs,
      agent,
      since,
    ) as { s: number }[];
    const slots = new Set(rows.map((r) => r.s));
    for (const r of this.writer.unwritten(agent, "agent_minutes", ""))
      if (r.t >= since) slots.add(bucketOf(r.t, slotMs));
    const counts = new Map<number, number>();
    for (const s of slots) counts.set(bucketOf(s, step), (counts.get(bucketOf(s, step)) ?? 0) + 1);
    return counts;
  }

  /** One series' sums per bucket, oldest first: SQL for what is written, then what is in memory. */
  private sums(
    table: TierTable,
    agent: string,
    runId: string | undefined,
    since: number,
    step: number,
  ): Map<number, Bucket> {
    const key = runId === undefined ? "agent = ?" : "agent = ? AND run_id = ?";
    const args = runId === undefined ? [agent] : [agent, runId];
    const rows = this.statement(
      `SELECT t - t % ? AS b, sum(down) AS down, sum(up) AS up, count(*) AS n, max(t) AS lastT, completed, total
       FROM ${table} WHERE ${key} AND t >= ? GROUP BY b ORDER BY b`,
    ).all(step, ...args, since) as (Bucket & { b: number })[];
    const out = new Map<number, Bucket>(rows.map(({ b, ...bucket }) => [b, bucket]));
    if (table === "agent_points") return out;
    for (const row of this.writer.unwritten(agent, table, runId ?? "")) {
      if (row.t < since) continue;
      // The same slot may be in the file already (written before a restart): merge by samples.
      const stored = this.statement(`SELECT n, down, up, completed, total FROM ${table} WHERE ${key} AND t = ?`).get(
        ...args,
        row.t,
      ) as Stored | undefined;
      const merged = stored ? mergeSlots(stored, row) : row;
      const t = bucketOf(row.t, step);
      const bucket = out.get(t) ?? { down: 0, up: 0, n: 0, lastT: row.t, completed: 0, total: 0 };
      bucket.down += merged.down - (stored?.down ?? 0);
      bucket.up += merged.up - (stored?.up ?? 0);
      if (!stored) bucket.n++;
      if (row.t >= bucket.lastT)
        Object.assign(bucket, { lastT: row.t, completed: merged.completed, total: merged.total });
      out.set(t, bucket);
    }
    return new Map([...out].sort((a, b) => a[0] - b[0]));
  }

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }
}

/** As the writer's upsert merges a slot written twice: speeds weighted by samples, the later progress. */
function mergeSlots(stored: Stored, row: SlotRow): Stored {
  const n = (stored.n ?? 1) + row.n;
  const weigh = (a: number, b: number) => Math.round((a * (stored.n ?? 1) + b * row.n) / n);
  return {
    n,
    down: weigh(stored.down, row.down),
    up: weigh(stored.up, row.up),
    completed: row.completed,
    total: row.total,
  };
}
