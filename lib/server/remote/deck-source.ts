import "server-only";
import { z } from "zod";
import type { ClientStatus } from "@/lib/agent-api/client";
import { RunSchema, RunsSchema, type Run } from "@/lib/agent-api/runs";
import type { Tag, TagsResponse } from "@/lib/agent-api/tags";
import { MutationResponseSchema, SnapshotSchema, type ErrorCode, type SnapshotWire } from "@/lib/bff/contract";
import { applyRunsDelta, type RunsDelta } from "@/lib/domain/run-delta";
import type { UpstreamEvent } from "../agent-client";
import type { PollAnswer } from "../collector/collector";
import { RemoteProblem } from "../collector/snapshot";
import type { RemoteAgentConfig } from "../config";
import { AppError, isAppError } from "../errors";
import { DeckClient, readOnlyReason, THE_DECK } from "./deck-client";
import { DeckEvents } from "./deck-events";

/**
 * An agent behind another Agent Deck, as a source for this hub's collector: each poll asks that
 * deck for the agent's snapshot since the version held (`GET /api/agents/{agent}/snapshot?since=`,
 * one call, only what changed) and merges it, so the hub's snapshot, walls, metrics and store see
 * the agent as if it were local. A part the deck reports failing (its agent unreachable) is that
 * deck's problem passed on with what it still knows; the deck itself failing is a deck_… problem,
 * told apart on every page. What the token may do is learnt from the deck (`GET /api/session`).
 */
type Held = { version: string; status?: ClientStatus; runs?: Run[]; tags?: Tag[]; wire: SnapshotWire };

const SessionSchema = z.looseObject({
  role: z.enum(["admin", "view"]).nullable().optional(),
  scope: z.enum(["read", "operate", "admin"]).nullable().optional(),
});

/** How often the hub asks the deck again what its token may do (and at once after a refusal). */
const SCOPE_RECHECK_MS = 60_000;

const rejected = (reason: AppError) => ({ status: "rejected" as const, reason });
const fulfilled = <T>(value: T) => ({ status: "fulfilled" as const, value });

export class DeckSource {
  /** The deck keeps the agent's event log and resume timer; this hub copies the one and shows the other. */
  readonly viaDeck = true;
  readonly client: DeckClient;
  private readonly events: DeckEvents;
  private held: Held | undefined;
  private readOnly: string | undefined;
  private scopeCheckedAt = 0;
  /** The deck's refusal at the latest poll (a revoked token): changes meet the same answer without asking. */
  private refusal: AppError | undefined;

  constructor(
    readonly agent: RemoteAgentConfig,
    options: { timeoutMs: number; observe?: (event: UpstreamEvent) => void },
  ) {
    this.client = new DeckClient(agent.id, agent.deck, options);
    this.events = new DeckEvents(this.client, agent.id);
  }

  /** The version of the deck's snapshot last merged (the events importer follows it). */
  get version(): string | undefined {
    return this.held?.version;
  }

  /** Tags come with every snapshot of the deck's, so every poll has them. */
  async poll(): Promise<PollAnswer> {
    try {
      if (Date.now() - this.scopeCheckedAt > SCOPE_RECHECK_MS) await this.checkScope();
      const since = this.held ? `?since=${encodeURIComponent(this.held.version)}` : "";
      const wire = await this.client.call(
        { resource: "deck_snapshot", method: "GET", path: `/snapshot${since}` },
        SnapshotSchema,
      );
      this.held = merge(this.held, wire);
      this.refusal = undefined;
      this.events.follow(this.held.version);
      return this.answer(this.held);
    } catch (err) {
      const error = isAppError(err) ? err : new AppError("deck_bad_response", `${THE_DECK} could not be read`);
      // A refusal may be a token revoked or replaced: ask again what it may do at the next poll, and
      // offer no controls meanwhile (the deck would refuse them too).
      const refused = error.code === "deck_refused";
      if (refused) this.scopeCheckedAt = 0;
      // An answer that did not fit what is held: start over from a whole snapshot at the next poll.
      if (error.code === "deck_bad_response") this.held = undefined;
      this.refusal = refused ? error : undefined;
      const readOnly = refused ? "Read-only here while the agent's deck refuses this hub" : this.readOnly;
      return { status: rejected(error), runs: rejected(error), tags: rejected(error), readOnly };
    }
  }

  /** The token's scope, from the deck itself: read-only tokens (and view sign-ins) change nothing here. */
  private async checkScope(): Promise<void> {
    const session = await this.client.call(
      { resource: "deck_session", method: "GET", path: "/api/session" },
      SessionSchema,
    );
    this.scopeCheckedAt = Date.now();
    const scope = session.scope ?? (session.role === "view" ? "view" : session.role === "admin" ? "admin" : null);
    this.readOnly = scope === "read" || scope === "view" ? readOnlyReason(scope) : undefined;
  }

  private answer(held: Held): PollAnswer {
    const problems = held.wire.problems;
    const part = <T>(value: T | undefined, problem: SnapshotWire["problem"]) =>
      problem
        ? rejected(new RemoteProblem<T>(codeOf(problem.code), problem.message, problem.since, value, problem.dataAt))
        : value === undefined
          ? rejected(new AppError("agent_timeout", "The agent has not answered its deck yet; try again in a moment"))
          : fulfilled(value);
    return {
      status: part(held.status, problems?.status),
      runs: part(held.runs, problems?.runs),
      tags: part<TagsResponse>(held.tags && { tags: held.tags }, problems?.tags),
      // A hub behind a hub passes on what its own deck said.
      readOnly: this.readOnly ?? held.wire.readOnly,
    };
  }

  async pause(resumeTimerSeconds?: number): Promise<{ resumeAt?: number }> {
    const body =
      resumeTimerSeconds === undefined ? { paused: true } : { paused: true, resumeTimer: resumeTimerSeconds };
    const answer = await this.change("pause", "/client", body);
    return answer.resumeAt === undefined ? {} : { resumeAt: answer.resumeAt };
  }

  async resume(): Promise<void> {
    await this.change("resume", "/client", { paused: false });
  }

  async restart(): Promise<void> {
    await this.change("restart", "/client", { restart: true });
  }

  async setTags(tags: Tag[]): Promise<void> {
    await this.change("set_tags", "/tags", { tags: tags.map((t) => ({ name: t.name, value: t.value })) });
  }

  /** A change, forwarded with the token; refused here, without asking, when the token may not make it. */
  private async change(resource: "pause" | "resume" | "restart" | "set_tags", path: string, body: unknown) {
    if (this.refusal) throw this.refusal;
    if (this.readOnly) throw new AppError("forbidden", this.readOnly);
    try {
      return await this.client.call({ resource, method: "PATCH", path, body }, MutationResponseSchema);
    } catch (err) {
      if (isAppError(err) && (err.code === "forbidden" || err.code === "deck_refused")) this.scopeCheckedAt = 0;
      throw err;
    }
  }
}

/** A code this hub knows (the deck's, passed on), or its unknown code read as a bad answer. */
function codeOf(code: string): ErrorCode {
  return ["agent_unreachable", "agent_timeout", "agent_bad_response", "internal_error"].includes(code)
    ? (code as ErrorCode)
    : code.startsWith("deck_")
      ? (code as ErrorCode)
      : "agent_bad_response";
}

/** The deck's answer over what is held: a whole snapshot replaces it, a delta from the version held updates it. */
function merge(held: Held | undefined, wire: SnapshotWire): Held {
  if ("base" in wire && wire.base !== undefined) {
    if (!held || held.version !== wire.base)
      throw new AppError("deck_bad_response", `${THE_DECK} answered with changes to a version this hub does not hold`);
    const delta = wire.runs as RunsDelta;
    const runs =
      held.runs === undefined && delta.changed.length === 0 ? undefined : applyRunsDelta(held.runs ?? [], delta);
    if (runs) checkChanged(runs, delta);
    return {
      version: wire.version,
      status: (wire.status as ClientStatus | undefined) ?? held.status,
      runs,
      tags: wire.tags ?? held.tags,
      wire,
    };
  }
  const runs = wire.runs === undefined ? undefined : RunsSchema.safeParse(wire.runs);
  if (runs && !runs.success) throw new AppError("deck_bad_response", `${THE_DECK} sent runs this hub cannot read`);
  return {
    version: wire.version,
    status: wire.status as ClientStatus | undefined,
    runs: runs?.data,
    tags: wire.tags,
    wire,
  };
}

/** Each run a delta touched, as it now reads, must be a run (the others were checked before). */
function checkChanged(runs: Run[], delta: RunsDelta): void {
  if (delta.changed.length === 0) return;
  const touched = new Set(delta.changed.map((p) => p.run_id));
  for (const run of runs)
    if (touched.has(run.run_id) && !RunSchema.safeParse(run).success)
      throw new AppError("deck_bad_response", `${THE_DECK} sent a change to run ${run.run_id} this hub cannot read`);
}
