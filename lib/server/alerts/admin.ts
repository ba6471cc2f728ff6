import "server-only";
import { SECRET_FIELDS, type Channel, type Rule, type TestResult } from "@/lib/bff/contract-alerts";
import { AppError } from "../errors";
import { dashboardTime } from "../time-zone";
import {
  channelFromInput,
  channelTarget,
  newId,
  parseChannelInput,
  patchChannel,
  publicChannel,
} from "./channel-input";
import { deliver } from "./channels";
import type { Alerts } from "./index";
import { testNotification } from "./notification";
import { tomorrowMorning } from "./mute";
import { parseRuleInput, patchRule, ruleFromInput, type RuleRefs } from "./rule-input";

/**
 * What the alert routes do, each change written with its event in one transaction ("Alert settings
 * changed" in the timeline, with who did it; never a secret's value). Entries from ALERTS_FILE are
 * refused here with a sentence saying where to change them.
 */
function settingsEvent(alerts: Alerts, message: string, actor: string, now: number): void {
  alerts.eventLog.append("", { kind: "alert_settings_changed", severity: "info", message, actor }, now);
}

function fromFile(what: string, id: string): AppError {
  return new AppError(
    "forbidden",
    `The ${what} "${id}" is defined in ALERTS_FILE: change it there and restart the dashboard`,
  );
}

function write<T>(alerts: Alerts, fn: () => T): T {
  // Settings are written straight (not through store.write, which swallows failures): a change
  // that did not land must say so.
  try {
    return alerts.store.db.transaction(fn)();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("internal_error", `The change could not be saved: ${(err as Error).message}`);
  }
}

export function listChannels(alerts: Alerts): Channel[] {
  return alerts.settings.channels().map(publicChannel);
}

export function createChannel(alerts: Alerts, raw: unknown, actor: string, now = Date.now()): Channel {
  const input = parseChannelInput(raw);
  const channel = channelFromInput(input, newId("c"), now, "ui");
  write(alerts, () => {
    alerts.settings.putChannel(channel);
    settingsEvent(alerts, `Channel "${channel.name}" added (${channelTarget(channel)})`, actor, now);
  });
  alerts.changed();
  return publicChannel(channel);
}

function requireChannel(alerts: Alerts, id: string) {
  const channel = alerts.settings.channel(id);
  if (!channel) throw new AppError("not_found", `No alert channel with id "${id}"`);
  return channel;
}

export function updateChannel(alerts: Alerts, id: string, raw: unknown, actor: string, now = Date.now()): Channel {
  const existing = requireChannel(alerts, id);
  if (existing.source === "file") throw fromFile("channel", id);
  const channel = patchChannel(existing, raw, now);
  const secretsChanged = SECRET_FIELDS[existing.type].filter((k) => k in (raw as object));
  write(alerts, () => {
    alerts.settings.putChannel(channel);
    const what = secretsChanged.length ? ` (${secretsChanged.join(", ")} changed)` : "";
    settingsEvent(alerts, `Channel "${channel.name}" changed${what}`, actor, now);
  });
  alerts.changed();
  return publicChannel(channel);
}

export function deleteChannel(alerts: Alerts, id: string, actor: string, now = Date.now()): void {
  const existing = requireChannel(alerts, id);
  if (existing.source === "file") throw fromFile("channel", id);
  const users = alerts.settings.rulesUsing(id);
  if (users.length > 0)
    throw new AppError(
      "invalid_input",
      `The channel "${existing.name}" is used by ${users.map((r) => `"${r.name}"`).join(", ")}: remove it from those rules first`,
      { id: ["The channel is in use"] },
    );
  write(alerts, () => {
    alerts.settings.deleteChannel(id);
    settingsEvent(alerts, `Channel "${existing.name}" deleted`, actor, now);
  });
  alerts.changed();
}

/** "Send test": one attempt now, its outcome in the answer and in the delivery log. */
export async function testChannel(alerts: Alerts, id: string, actor: string): Promise<TestResult> {
  const channel = requireChannel(alerts, id);
  const now = Date.now();
  const n = testNotification(alerts.config.publicUrl, channel.name, now);
  const r = await deliver(channel, n, `test-${now}`);
  const outcome = r.ok ? "delivered" : "failed";
  alerts.store.write(() => {
    alerts.outbox.logDelivery({
      t: Date.now(),
      channelId: channel.id,
      channelName: channel.name,
      trigger: "TEST",
      state: "open",
      attempt: 1,
      outcome,
      ...(r.status !== undefined ? { status: r.status } : {}),
      ...(r.error ? { error: r.error } : {}),
      durationMs: r.durationMs,
    });
    settingsEvent(
      alerts,
      `Test notification to "${channel.name}": ${outcome}${r.error ? ` (${r.error})` : ""}`,
      actor,
      now,
    );
  });
  return {
    outcome,
    ...(r.status !== undefined ? { status: r.status } : {}),
    ...(r.error ? { error: r.error } : {}),
    durationMs: r.durationMs,
  };
}

function refs(alerts: Alerts): RuleRefs {
  return {
    channelIds: new Set(alerts.settings.channels().map((c) => c.id)),
    agentIds: new Set(alerts.config.agents.map((a) => a.id)),
  };
}

export function createRule(alerts: Alerts, raw: unknown, actor: string, now = Date.now()): Rule {
  const rule = ruleFromInput(parseRuleInput(raw), refs(alerts), newId("r"), now, "ui");
  write(alerts, () => {
    alerts.settings.putRule(rule);
    settingsEvent(alerts, `Rule "${rule.name}" added (${rule.trigger}${rule.enabled ? "" : ", disabled"})`, actor, now);
  });
  alerts.changed();
  return rule;
}

function requireRule(alerts: Alerts, id: string): Rule {
  const rule = alerts.settings.rule(id);
  if (!rule) throw new AppError("not_found", `No alert rule with id "${id}"`);
  if (rule.source === "file") throw fromFile("rule", id);
  return rule;
}

export function updateRule(alerts: Alerts, id: string, raw: unknown, actor: string, now = Date.now()): Rule {
  const rule = patchRule(requireRule(alerts, id), raw, refs(alerts), now);
  const fields = Object.keys(raw as object).join(", ");
  write(alerts, () => {
    alerts.settings.putRule(rule);
    settingsEvent(alerts, `Rule "${rule.name}" changed (${fields})`, actor, now);
  });
  alerts.changed();
  return rule;
}

export function deleteRule(alerts: Alerts, id: string, actor: string, now = Date.now()): void {
  const rule = requireRule(alerts, id);
  write(alerts, () => {
    alerts.settings.deleteRule(id);
    settingsEvent(alerts, `Rule "${rule.name}" deleted`, actor, now);
  });
  alerts.changed();
}

export function snooze(alerts: Alerts, what: "1h" | "tomorrow" | undefined, actor: string, now = Date.now()): void {
  const until = what === undefined ? undefined : what === "1h" ? now + 3_600_000 : tomorrowMorning(now);
  write(alerts, () => {
    alerts.setSnooze(until, actor, now);
    settingsEvent(
      alerts,
      until === undefined
        ? "Notifications resumed (snooze ended)"
        : `All notifications snoozed until ${dashboardTime(until, now)}`,
      actor,
      now,
    );
  });
}
