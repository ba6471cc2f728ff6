import "server-only";
import { ONE_SHOT_TRIGGERS, RECORDED_TRIGGERS, type Rule } from "@/lib/bff/contract-alerts";
import type { DetectedEvent } from "@/lib/domain/events";
import type { Snapshot } from "../collector/snapshot";
import type { EventLog } from "../store/events";
import type { RecordReader } from "../store/events";
import type { PollWriter } from "../store/store";
import { compose, incidentEvent } from "./compose";
import { appliesTo, compileRule, holding, knows, oneShots, texts, type CompiledRule, type Subject } from "./conditions";
import { queueNotification } from "./queue";
import { muteReason } from "./mute";
import { linkFor, type Notification, type NotificationState } from "./notification";
import type { OutboxStore } from "./outbox-store";
import type { SettingsStore } from "./settings-store";
import { step, type Track } from "./tracker";

/**
 * Evaluates the rules at every poll of every agent, inside the poll's transaction (a writer of the
 * store, after the event log): incidents, timeline events and outbox rows land with the poll's
 * events or not at all. The trackers live in memory; each change is noted so that a poll whose
 * transaction failed (disk full) is undone before the next one, which then tries again.
 */
export type EngineDeps = {
  settings: SettingsStore;
  outbox: OutboxStore;
  eventLog: EventLog;
  agentName: (id: string) => string;
  publicUrl: string;
  /** Something was queued and committed: the outbox worker should look now. */
  queued: () => void;
};

type Group = Map<string, Track>;
type Undo = { group: string; subject: string; track: Track | undefined }[];

export class AlertEngine implements PollWriter, RecordReader {
  private rules: CompiledRule[] = [];
  private channels = new Map<string, { name: string; type: string }>();
  /** Per rule and agent (`rule\0agent`), the tracked subjects. */
  private readonly groups = new Map<string, Group>();
  private undo: Undo = [];
  private queuedInPoll = false;

  constructor(private readonly deps: EngineDeps) {}

  /** Rules and channels as stored now; the open incidents of rules gone or disabled are closed, unannounced. */
  reload(now = Date.now()): void {
    this.rules = this.deps.settings
      .rules()
      .filter((r) => r.enabled)
      .map(compileRule);
    this.channels = new Map(this.deps.settings.channels().map((c) => [c.id, { name: c.name, type: c.type }]));
    const live = new Map(this.rules.map((r) => [r.id, r]));
    for (const [key, group] of this.groups) {
      // A rule gone, disabled, or no longer about this agent: its incidents close, unannounced.
      const [ruleId, agent] = key.split("\u0000") as [string, string];
      const rule = live.get(ruleId);
      if (rule && (agent === "" || appliesTo(rule, agent))) continue;
      for (const track of group.values()) if (track.incidentId) this.deps.outbox.resolveIncident(track.incidentId, now);
      this.groups.delete(key);
    }
  }

  /** After a restart: the incidents still open carry on (no second "open" for them). */
  restore(): void {
    for (const row of this.deps.outbox.openIncidents()) {
      this.group(`${row.rule_id}\u0000${row.agent}`).set(row.subject, {
        since: row.opened_at,
        incidentId: row.id,
        openedAt: row.opened_at,
        ...(row.last_notified_at !== null ? { lastNotifiedAt: row.last_notified_at } : {}),
        openSent: row.open_sent === 1,
        flaps: row.flaps,
      });
    }
  }

  onPoll(agent: string, next: Snapshot): void {
    this.rollBackUncommitted();
    const at = next.polledAt;
    const events = this.deps.eventLog.detectedIn(agent, at);
    for (const rule of this.rules) {
      if (rule.trigger === "storage_failing" || !appliesTo(rule, agent)) continue;
      this.evaluate(rule, agent, next, events, at);
    }
  }

  /**
   * An event the dashboard recorded itself (the scheduler's), inside its transaction: the one-shot
   * rules that follow its kind notify now, with its words and severity, linking to the agent's schedules.
   */
  recorded(agent: string, event: DetectedEvent, at: number): void {
    for (const rule of this.rules) {
      if (rule.trigger !== event.kind || !RECORDED_TRIGGERS.includes(rule.trigger) || !appliesTo(rule, agent)) continue;
      const name = this.deps.agentName(agent);
      const n = compose({
        trigger: rule.trigger,
        state: "open",
        severity: event.severity,
        texts: texts(rule.trigger, false, name, undefined, undefined, 0, event.message),
        agent: { id: agent, name },
        rule: { id: rule.id, name: rule.name },
        publicUrl: this.deps.publicUrl,
        page: `${linkFor(this.deps.publicUrl, agent)}/schedules`,
        at,
      });
      this.queue(rule, n, undefined, muteReason({ rule, agentId: agent, at }), at);
    }
  }

  committed(): void {
    this.undo = [];
    if (this.queuedInPoll) this.deps.queued();
    this.queuedInPoll = false;
  }

  /** The rules about the dashboard itself (its store), on the worker's clock rather than a poll's. */
  storageRules(): CompiledRule[] {
    return this.rules.filter((r) => r.trigger === "storage_failing");
  }

  /** One rule, one agent, one poll: conditions through the trackers, and one-shot events. */
  private evaluate(rule: CompiledRule, agent: string, next: Snapshot, events: readonly DetectedEvent[], at: number) {
    const muted = muteReason({ rule, agentId: agent, at });
    if (ONE_SHOT_TRIGGERS.includes(rule.trigger)) {
      for (const subject of oneShots(rule, next, events)) {
        const t = texts(rule.trigger, false, this.deps.agentName(agent), next, subject, 0);
        this.send(rule, agent, subject, "resolved", t, undefined, muted, at);
      }
      return;
    }
    if (!knows(rule.trigger, next)) return;
    const holds = holding(rule, next);
    const groupKey = `${rule.id}\u0000${agent}`;
    const group = this.group(groupKey);
    const subjects = new Set([...group.keys(), ...holds.keys()]);
    const timing = {
      forMs: rule.forSeconds * 1000,
      resolveMs: rule.resolveSeconds * 1000,
      ...(rule.remindSeconds ? { remindMs: rule.remindSeconds * 1000 } : {}),
    };
    for (const key of subjects) {
      const before = group.get(key);
      const subject = holds.get(key) ?? { key };
      const r = step(before, holds.has(key), at, timing, muted !== undefined);
      if (r.action === "none" && r.track === before) continue;
      let track = r.track;
      const heldMs = at - (before?.since ?? at);
      const name = this.deps.agentName(agent);
      if (r.action === "open" && track) {
        const t = texts(rule.trigger, false, name, next, subject, heldMs);
        const id = this.deps.outbox.openIncident({
          ruleId: rule.id,
          agent,
          subject: key,
          trigger: rule.trigger,
          openedAt: at,
          lastNotifiedAt: track.lastNotifiedAt ?? null,
          openSent: track.openSent,
          title: t.title,
        });
        track = { ...track, incidentId: id };
        this.deps.eventLog.append(agent, incidentEvent("alert_opened", rule, subject, t.message, muted), at);
        this.send(rule, agent, subject, "open", t, track, muted, at);
      } else if (r.action === "resolve" && before?.incidentId) {
        const t = texts(rule.trigger, true, name, next, subject, heldMs);
        this.deps.outbox.resolveIncident(before.incidentId, at);
        this.deps.eventLog.append(agent, incidentEvent("alert_resolved", rule, subject, t.message), at);
        if (r.notify) this.send(rule, agent, subject, "resolved", t, { ...before }, undefined, at, at);
      } else if (track?.incidentId) {
        if (r.notify) {
          const t = texts(rule.trigger, false, name, next, subject, heldMs);
          this.send(rule, agent, subject, r.action === "remind" ? "reminder" : "open", t, track, undefined, at);
        }
        this.deps.outbox.touchIncident(track.incidentId, track.lastNotifiedAt, track.openSent, track.flaps);
      }
      this.set(groupKey, group, key, track);
    }
  }

  /** The notification into the outbox for each of the rule's channels, or the delivery log says why not. */
  private send(
    rule: Rule,
    agent: string,
    subject: Subject,
    state: NotificationState,
    t: ReturnType<typeof texts>,
    track: Track | undefined,
    muted: string | undefined,
    at: number,
    resolvedAt?: number,
  ): void {
    const n: Notification = compose({
      trigger: rule.trigger,
      state,
      texts: t,
      agent: { id: agent, name: this.deps.agentName(agent) },
      subject,
      rule: { id: rule.id, name: rule.name },
      ...(track?.incidentId
        ? {
            incident: {
              id: track.incidentId,
              openedAt: track.openedAt ?? at,
              flaps: track.flaps,
              ...(resolvedAt ? { resolvedAt } : {}),
            },
          }
        : {}),
      publicUrl: this.deps.publicUrl,
      at,
    });
    this.queue(rule, n, track?.incidentId, muted, at);
  }

  /** Shared with the storage rules: one outbox row per channel, or a "muted" row in the delivery log. */
  queue(rule: Rule, n: Notification, incidentId: number | undefined, muted: string | undefined, at: number): void {
    if (queueNotification(this.deps.outbox, this.channels, rule, n, incidentId, muted, at)) this.queuedInPoll = true;
  }

  private group(key: string): Group {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = new Map()));
    return g;
  }

  private set(groupKey: string, group: Group, subject: string, track: Track | undefined): void {
    this.undo.push({ group: groupKey, subject, track: group.get(subject) });
    if (track) group.set(subject, track);
    else group.delete(subject);
  }

  /** The last poll's transaction did not commit: its tracker changes go too (newest first). */
  private rollBackUncommitted(): void {
    for (let i = this.undo.length - 1; i >= 0; i--) {
      const u = this.undo[i]!;
      const group = this.group(u.group);
      if (u.track) group.set(u.subject, u.track);
      else group.delete(u.subject);
    }
    this.undo = [];
    this.queuedInPoll = false;
  }
}
