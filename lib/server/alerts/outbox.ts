import "server-only";
import { log } from "../log";
import type { EventLog } from "../store/events";
import type { Store } from "../store/store";
import { nextAttemptAt } from "./backoff";
import { deliver, type Attempt, type ChannelRecord } from "./channels";
import { countDelivery } from "./metrics";
import type { Notification } from "./notification";
import type { OutboxRow, OutboxStore } from "./outbox-store";
import type { SettingsStore } from "./settings-store";

/**
 * Delivers the outbox: due rows (oldest first, one at a time per channel and incident so a
 * resolution never overtakes its opening) go out at most MAX_PARALLEL at once; a row leaves the
 * table only once delivered or given up, so a dashboard stopped mid-retry sends it after its next
 * start. Failures are retried with backoff for an hour (backoff.ts); each attempt is a row of the
 * delivery log. Notifications that could not even be written to the store (it is failing) are
 * held in memory and delivered the same way: the store failing must not silence its own alert.
 */
const MAX_PARALLEL = 4;
const BATCH = 20;
/** The longest sleep: due rows are found by their time, this only bounds a missed wake-up. */
const IDLE_MS = 30_000;

type Held = { row: OutboxRow };

export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<number>();
  private readonly held: Held[] = [];
  private heldIds = -1;
  /** Rows whose outcome the store could not take: not tried again before this time (no resend loop). */
  private readonly deferred = new Map<number, number>();
  private running = false;
  /** Every pass, besides the outbox (the storage rules are checked here). */
  onTick: ((now: number) => void) | undefined;

  constructor(
    private readonly store: Store,
    private readonly outbox: OutboxStore,
    private readonly settings: SettingsStore,
    private readonly eventLog: EventLog,
  ) {}

  start(): void {
    this.running = true;
    this.kick();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  /** Look now (something was queued). */
  kick(delayMs = 0): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), Math.max(0, delayMs));
    this.timer.unref();
  }

  /** Rows held in memory (the store could not take them). */
  get heldCount(): number {
    return this.held.length;
  }

  /** A notification the store could not take: kept in memory and delivered like the rest. */
  hold(channelId: string, n: Notification, at: number): void {
    const id = this.heldIds--;
    this.held.push({
      row: {
        id,
        channel_id: channelId,
        incident_id: null,
        trigger: n.trigger,
        state: n.state,
        payload: JSON.stringify(n),
        seen_at: at,
        created_at: at,
        next_at: at,
        attempts: 0,
      },
    });
    this.kick();
  }

  private tick(): void {
    const now = Date.now();
    try {
      this.onTick?.(now);
    } catch (err) {
      log("error", "alerts_tick_failed", { message: (err as Error).message });
    }
    let due: OutboxRow[] = [];
    try {
      due = this.outbox.due(now, BATCH);
    } catch (err) {
      log("warn", "alerts_outbox_unreadable", { message: (err as Error).message });
    }
    due.push(...this.held.filter((h) => h.row.next_at <= now).map((h) => h.row));
    for (const row of due) {
      if (this.inFlight.size >= MAX_PARALLEL) break;
      if (this.inFlight.has(row.id) || (this.deferred.get(row.id) ?? 0) > now) continue;
      this.inFlight.add(row.id);
      void this.attempt(row).finally(() => {
        this.inFlight.delete(row.id);
        this.kick();
      });
    }
    this.kick(this.sleepMs(now));
  }

  private sleepMs(now: number): number {
    let next: number | undefined;
    try {
      next = this.outbox.nextDueAfter(now);
    } catch {
      next = undefined;
    }
    for (const h of this.held) if (h.row.next_at > now) next = Math.min(next ?? h.row.next_at, h.row.next_at);
    return next === undefined ? IDLE_MS : Math.min(IDLE_MS, next - now);
  }

  private async attempt(row: OutboxRow): Promise<void> {
    const channel = this.settings.channel(row.channel_id);
    const n = JSON.parse(row.payload) as Notification;
    const attempt = row.attempts + 1;
    const result: Attempt = channel
      ? await deliver(channel, n, `d-${row.created_at}-${row.id}`)
      : { ok: false, retry: false, error: "The channel was deleted", durationMs: 0 };
    this.record(row, n, channel, attempt, result, Date.now());
  }

  private record(
    row: OutboxRow,
    n: Notification,
    channel: ChannelRecord | undefined,
    attempt: number,
    r: Attempt,
    now: number,
  ) {
    const next = r.ok || !r.retry ? undefined : nextAttemptAt(row.created_at, now, attempt, r.retryAfterMs);
    const outcome = r.ok ? "delivered" : next !== undefined ? "retrying" : "failed";
    const entry = {
      t: now,
      channelId: row.channel_id,
      channelName: channel?.name ?? row.channel_id,
      ...(row.incident_id !== null ? { incidentId: row.incident_id } : {}),
      trigger: row.trigger,
      state: row.state,
      attempt,
      outcome,
      ...(r.status !== undefined ? { status: r.status } : {}),
      ...(r.error ? { error: r.error } : {}),
      durationMs: r.durationMs,
      ...(r.ok ? { latencyMs: now - row.seen_at } : {}),
      ...(next !== undefined ? { nextAttemptAt: next } : {}),
    } as const;
    countDelivery(channel?.type ?? "deleted", outcome);
    const heldIndex = this.held.findIndex((h) => h.row.id === row.id);
    const written = this.store.write(() => {
      this.outbox.logDelivery({ ...entry, ...(row.id > 0 ? { outboxId: row.id } : {}) });
      if (row.id > 0) {
        if (next === undefined) this.outbox.remove(row.id);
        else this.outbox.reschedule(row.id, attempt, next);
      }
      if (outcome === "failed")
        this.eventLog.append(
          n.agent?.id ?? "",
          {
            kind: "alert_delivery_failed",
            severity: "warning",
            message: `Notification "${n.title}" to ${channel?.name ?? row.channel_id} was not delivered after ${attempt} attempt${attempt === 1 ? "" : "s"}: ${r.error ?? "failed"}`,
            actor: "alerts",
          },
          now,
        );
      return true;
    });
    if (heldIndex >= 0) {
      // Held in memory: done, or tried again later (the store may take it by then; it stays here all the same).
      if (next === undefined) this.held.splice(heldIndex, 1);
      else this.held[heldIndex]!.row = { ...row, attempts: attempt, next_at: next };
    } else if (!written) {
      // The outcome could not be written: the row stays as it was and is tried again, a repeat the
      // receiver can recognise by its delivery id.
      this.deferred.set(row.id, next ?? now + 60_000);
      log("warn", "alerts_delivery_unrecorded", { channel: row.channel_id, outcome });
    } else {
      this.deferred.delete(row.id);
    }
    if (outcome !== "delivered")
      log(outcome === "failed" ? "warn" : "info", "alert_delivery", {
        channel: row.channel_id,
        trigger: row.trigger,
        attempt,
        outcome,
        ...(r.status !== undefined ? { status: r.status } : {}),
        error: r.error,
      });
  }
}
