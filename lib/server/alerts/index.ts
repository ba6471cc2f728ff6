import "server-only";
import type { Config } from "../config";
import { ConfigError } from "../config-parse";
import { AppError } from "../errors";
import type { EventLog } from "../store/events";
import type { Store } from "../store/store";
import { compose } from "./compose";
import { texts } from "./conditions";
import { AlertEngine } from "./engine";
import type { AlertsFile } from "./file";
import { readAlertGauges } from "./metrics";
import { muteReason, quietHoursSource, registerMuteSource, snoozeSource } from "./mute";
import { OutboxStore } from "./outbox-store";
import { OutboxWorker } from "./outbox";
import { SettingsStore } from "./settings-store";
import { step, type Track } from "./tracker";

/**
 * Alerts as boot installs them: the settings and outbox stores, the engine (a writer of every poll)
 * and the outbox worker (started now, so what a previous process left undelivered goes out). Routes
 * reach it through `requireAlerts`. On globalThis, like the store: Next may load this per bundle.
 */
export class Alerts {
  readonly settings: SettingsStore;
  readonly outbox: OutboxStore;
  readonly engine: AlertEngine;
  readonly worker: OutboxWorker;
  private snoozed: { until: number; actor: string } | undefined;
  private readonly storageTracks = new Map<string, Track>();
  private prunedAt = 0;

  constructor(
    readonly store: Store,
    readonly eventLog: EventLog,
    readonly config: Config,
  ) {
    this.settings = new SettingsStore(store.db);
    this.outbox = new OutboxStore(store.db);
    this.worker = new OutboxWorker(store, this.outbox, this.settings, eventLog);
    const names = new Map(config.agents.map((a) => [a.id, a.name]));
    this.engine = new AlertEngine({
      settings: this.settings,
      outbox: this.outbox,
      eventLog,
      agentName: (id) => names.get(id) ?? id,
      publicUrl: config.publicUrl,
      queued: () => this.worker.kick(),
    });
  }

  start(): void {
    // Without ALERTS_FILE (any more), what an earlier file defined goes.
    this.syncFile(this.config.alertsFile ?? { path: "", channels: [], rules: [] }, Date.now());
    this.snoozed = this.settings.snooze();
    registerMuteSource(snoozeSource(() => this.snoozed?.until));
    registerMuteSource(quietHoursSource);
    this.engine.restore();
    this.engine.reload();
    this.store.addWriter(this.engine);
    // One-shot triggers of events recorded outside a poll (a schedule that failed) follow them at once.
    this.eventLog.addReader(this.engine);
    this.worker.onTick = (now) => this.everyTick(now);
    readAlertGauges(() => {
      // A scrape while the store is closed (shutting down) reads nothing rather than failing.
      const counts = this.store.db.open ? this.outbox.counts() : { pending: 0, open: 0 };
      return { pending: counts.pending + this.worker.heldCount, open: counts.open };
    });
    this.worker.start();
  }

  /** Rules or channels changed: the engine reads them again. */
  changed(): void {
    this.engine.reload();
  }

  snooze(): { until: number; actor: string } | undefined {
    return this.snoozed && this.snoozed.until > Date.now() ? this.snoozed : undefined;
  }

  setSnooze(until: number | undefined, actor: string, now = Date.now()): void {
    this.settings.setSnooze(until, actor, now);
    this.snoozed = until === undefined ? undefined : { until, actor };
  }

  /** ALERTS_FILE's entries replace the file's rows of the last start; an id taken in the settings page stops start-up. */
  private syncFile(file: AlertsFile, now: number): void {
    const clash = [
      ...file.channels.filter((c) => this.settings.channel(c.id)?.source === "ui").map((c) => `channel ${c.id}`),
      ...file.rules.filter((r) => this.settings.rule(r.id)?.source === "ui").map((r) => `rule ${r.id}`),
    ];
    if (clash.length > 0)
      throw new ConfigError(
        clash.map((c) => `ALERTS_FILE ${c} has the id of one made in the settings page; rename it in the file`),
      );
    this.store.db.transaction(() => {
      for (const c of this.settings.channels())
        if (c.source === "file" && !file.channels.some((f) => f.id === c.id)) this.settings.deleteChannel(c.id);
      for (const r of this.settings.rules())
        if (r.source === "file" && !file.rules.some((f) => f.id === r.id)) this.settings.deleteRule(r.id);
      for (const c of file.channels)
        this.settings.putChannel({ ...c, createdAt: this.settings.channel(c.id)?.createdAt ?? now, updatedAt: now });
      for (const r of file.rules)
        this.settings.putRule({ ...r, createdAt: this.settings.rule(r.id)?.createdAt ?? now, updatedAt: now });
    })();
  }

  /** On the worker's clock: the storage rules, and the hourly prune of the delivery log and old incidents. */
  private everyTick(now: number): void {
    const health = this.store.health();
    const failing = health.state === "failing";
    for (const rule of this.engine.storageRules()) {
      const before = this.storageTracks.get(rule.id);
      const muted = muteReason({ rule, agentId: "", at: now });
      const timing = {
        forMs: rule.forSeconds * 1000,
        resolveMs: rule.resolveSeconds * 1000,
        ...(rule.remindSeconds ? { remindMs: rule.remindSeconds * 1000 } : {}),
      };
      const r = step(before, failing, now, timing, muted !== undefined);
      let track = r.track;
      if (r.action === "open" && track)
        track = { ...track, incidentId: this.store.write(() => this.outboxIncident(rule.id, now)) ?? -1 };
      if (r.action === "resolve" && before?.incidentId && before.incidentId > 0)
        this.store.write(() => this.outbox.resolveIncident(before.incidentId!, now));
      if (track) this.storageTracks.set(rule.id, track);
      else this.storageTracks.delete(rule.id);
      if (!r.notify && !(r.action === "open" && muted)) continue;
      const resolved = r.action === "resolve";
      const state = resolved ? "resolved" : r.action === "remind" ? "reminder" : "open";
      const reason = health.state === "failing" ? health.reason : undefined;
      const t = texts("storage_failing", resolved, "", undefined, undefined, 0, reason);
      const holder = track ?? before;
      const n = compose({
        trigger: "storage_failing",
        state,
        texts: t,
        rule: { id: rule.id, name: rule.name },
        ...(holder?.incidentId && holder.incidentId > 0
          ? { incident: { id: holder.incidentId, openedAt: holder.openedAt ?? now, flaps: holder.flaps } }
          : {}),
        publicUrl: this.config.publicUrl,
        at: now,
      });
      const queued = this.store.write(() => {
        this.engine.queue(rule, n, undefined, muted, now);
        return true;
      });
      if (!queued && !muted) for (const channelId of rule.channels) this.worker.hold(channelId, n, now);
      else this.worker.kick();
    }
    if (now - this.prunedAt >= 3_600_000) {
      this.prunedAt = now;
      this.store.write(() => this.outbox.prune(now - this.config.eventsDays * 86_400_000));
    }
  }

  private outboxIncident(ruleId: string, now: number): number {
    return this.outbox.openIncident({
      ruleId,
      agent: "",
      subject: "storage",
      trigger: "storage_failing",
      openedAt: now,
      lastNotifiedAt: now,
      openSent: true,
      title: "Dashboard store failing",
    });
  }
}

const KEY = Symbol.for("agent-deck.alerts");
type Holder = { [KEY]?: { store: Store; alerts: Alerts } };

/** Boot, after the event log: alerts join the store's writers and the outbox worker starts. */
export function installAlerts(store: Store, eventLog: EventLog, config: Config): Alerts {
  const holder = globalThis as Holder;
  if (holder[KEY]?.store === store) return holder[KEY].alerts;
  holder[KEY]?.alerts.worker.stop();
  const alerts = new Alerts(store, eventLog, config);
  alerts.start();
  holder[KEY] = { store, alerts };
  return alerts;
}

/** For routes: the alerts boot installed, or a 500 saying the store is not open. */
export function requireAlerts(): Alerts {
  const alerts = (globalThis as Holder)[KEY]?.alerts;
  if (!alerts || !alerts.store.db.open)
    throw new AppError("internal_error", "Alerts are not running: the store is not open");
  return alerts;
}

/** Shutdown: no new attempt starts. */
export function stopAlerts(): void {
  (globalThis as Holder)[KEY]?.alerts.worker.stop();
}

export { registerMuteSource, type MuteSource, type MuteContext } from "./mute";
