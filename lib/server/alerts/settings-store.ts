import "server-only";
import type Database from "better-sqlite3";
import type { Rule } from "@/lib/bff/contract-alerts";
import type { ChannelRecord } from "./channels/types";

/**
 * The SQL of alert settings: channels, rules and the global snooze. Rows hold JSON documents whose
 * shape the API's schemas check before anything is written; a channel's write-only fields are a
 * column of their own that only the delivery code reads.
 */
type ChannelRow = {
  id: string;
  name: string;
  type: ChannelRecord["type"];
  settings: string;
  secrets: string;
  source: "ui" | "file";
  created_at: number;
  updated_at: number;
};
type RuleRow = {
  id: string;
  name: string;
  spec: string;
  enabled: number;
  source: "ui" | "file";
  created_at: number;
  updated_at: number;
};
export type RuleSpec = Omit<Rule, "id" | "name" | "enabled" | "source" | "createdAt" | "updatedAt">;

const toChannel = (r: ChannelRow): ChannelRecord => ({
  id: r.id,
  name: r.name,
  type: r.type,
  settings: JSON.parse(r.settings) as Record<string, unknown>,
  secrets: JSON.parse(r.secrets) as Record<string, unknown>,
  source: r.source,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRule = (r: RuleRow): Rule => ({
  ...(JSON.parse(r.spec) as RuleSpec),
  id: r.id,
  name: r.name,
  enabled: r.enabled === 1,
  source: r.source,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class SettingsStore {
  constructor(private readonly db: Database.Database) {}

  channels(): ChannelRecord[] {
    return (this.db.prepare("SELECT * FROM alert_channels ORDER BY created_at, id").all() as ChannelRow[]).map(
      toChannel,
    );
  }

  channel(id: string): ChannelRecord | undefined {
    const row = this.db.prepare("SELECT * FROM alert_channels WHERE id = ?").get(id) as ChannelRow | undefined;
    return row && toChannel(row);
  }

  putChannel(c: ChannelRecord): void {
    this.db
      .prepare(
        `INSERT INTO alert_channels (id, name, type, settings, secrets, source, created_at, updated_at)
         VALUES (@id, @name, @type, @settings, @secrets, @source, @createdAt, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET name = @name, type = @type, settings = @settings, secrets = @secrets,
           source = @source, updated_at = @updatedAt`,
      )
      .run({ ...c, settings: JSON.stringify(c.settings), secrets: JSON.stringify(c.secrets) });
  }

  deleteChannel(id: string): boolean {
    return this.db.prepare("DELETE FROM alert_channels WHERE id = ?").run(id).changes === 1;
  }

  rules(): Rule[] {
    return (this.db.prepare("SELECT * FROM alert_rules ORDER BY created_at, id").all() as RuleRow[]).map(toRule);
  }

  rule(id: string): Rule | undefined {
    const row = this.db.prepare("SELECT * FROM alert_rules WHERE id = ?").get(id) as RuleRow | undefined;
    return row && toRule(row);
  }

  putRule(rule: Rule): void {
    const { id, name, enabled, source, createdAt, updatedAt, ...spec } = rule;
    this.db
      .prepare(
        `INSERT INTO alert_rules (id, name, spec, enabled, source, created_at, updated_at)
         VALUES (@id, @name, @spec, @enabled, @source, @createdAt, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET name = @name, spec = @spec, enabled = @enabled, source = @source,
           updated_at = @updatedAt`,
      )
      .run({ id, name, spec: JSON.stringify(spec), enabled: enabled ? 1 : 0, source, createdAt, updatedAt });
  }

  deleteRule(id: string): boolean {
    return this.db.prepare("DELETE FROM alert_rules WHERE id = ?").run(id).changes === 1;
  }

  /** The rules that send to a channel (a channel in use cannot be deleted). */
  rulesUsing(channelId: string): Rule[] {
    return this.rules().filter((r) => r.channels.includes(channelId));
  }

  snooze(): { until: number; actor: string } | undefined {
    return this.db.prepare("SELECT until, actor FROM alert_snooze WHERE id = 1").get() as
      { until: number; actor: string } | undefined;
  }

  setSnooze(until: number | undefined, actor: string, now: number): void {
    if (until === undefined) this.db.prepare("DELETE FROM alert_snooze").run();
    else
      this.db
        .prepare(
          "INSERT INTO alert_snooze (id, until, actor, set_at) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET until = excluded.until, actor = excluded.actor, set_at = excluded.set_at",
        )
        .run(until, actor, now);
  }
}
