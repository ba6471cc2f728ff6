import "server-only";
import type { ClientStatus } from "@/lib/agent-api/client";
import type { Run } from "@/lib/agent-api/runs";
import type { TagsResponse } from "@/lib/agent-api/tags";
import { EMPTY_SNAPSHOT, settle, settleRuns, summaryFor, type Snapshot } from "./snapshot";

/**
 * Watches one agent on its own clock, whether or not anyone is looking: status and runs every
 * `pollIntervalMs` while someone is watching, every `backgroundPollMs` while nobody is (an
 * unwatched machine costs its agent little), tags every `tagsIntervalMs` and right after a change.
 * Each poll replaces the snapshot; reads answer from it, so N viewers cost the agent nothing more
 * than one viewer: the agent's load is bounded by time, not by viewers.
 */
/**
 * One poll's answers, each part on its own: a part that failed says why (an AppError), and may carry
 * what its source last knew (`RemoteProblem` in snapshot.ts). `tags` only when asked for.
 */
export type PollAnswer = {
  status: PromiseSettledResult<ClientStatus>;
  runs: PromiseSettledResult<Run[]>;
  tags?: PromiseSettledResult<TagsResponse>;
  /** Why nothing may be changed on this agent from here, when that is so (a read-only token of its deck). */
  readOnly?: string;
};

/**
 * Where an agent's data comes from: the agent itself (AgentClient: status, runs and tags, three
 * calls) or another Agent Deck that watches it (DeckSource: that deck's snapshot deltas, one call).
 * The collector, and everything that reads its snapshots, does not care which.
 */
export type AgentSource = { poll(withTags: boolean): Promise<PollAnswer> };

export type CollectorOptions = {
  pollIntervalMs: number;
  backgroundPollMs: number;
  /** How long one read counts as "someone is watching". */
  watchWindowMs: number;
  tagsIntervalMs?: number;
  /** How long a read waits for a fresh poll before answering with what there is. */
  freshWaitMs: number;
  /** Adds what the dashboard knows beyond the agent's answer (the resume timer it set). */
  annotateStatus?: (status: ClientStatus) => ClientStatus;
  /** Told of every new snapshot, with the one it replaced (history, logs, metrics). */
  onSnapshot?: (next: Snapshot, prev: Snapshot) => void;
};

type Poll = { promise: Promise<Snapshot>; startedAt: number; withTags: boolean };

export class Collector {
  private current: Snapshot = EMPTY_SNAPSHOT;
  private inFlight: Poll | undefined;
  private timer: NodeJS.Timeout | undefined;
  private watchedUntil = 0;
  private tagsDueAt = 0;
  private lastStartedAt = 0;
  private running = false;
  /** Polls made so far (for metrics and the bench). */
  polls = 0;

  constructor(
    private readonly source: AgentSource,
    private readonly options: CollectorOptions,
  ) {}

  get snapshot(): Snapshot {
    return this.current;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // The first poll starts now, so whatever is asked right after start-up can wait for it.
    void this.startPoll(false);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  isWatched(now = Date.now()): boolean {
    return now < this.watchedUntil;
  }

  /** A viewer read this agent's data: poll at the fast rate for the next `watchWindowMs`. */
  markWatched(now = Date.now()): void {
    const was = this.isWatched(now);
    this.watchedUntil = now + this.options.watchWindowMs;
    // Woken from the slow rate: the next poll is due one fast interval after the last one started.
    if (!was && this.running && !this.inFlight) this.schedule(this.lastStartedAt + this.options.pollIntervalMs - now);
  }

  /**
   * The snapshot, fresh: when it is older than one poll interval (nobody was watching, or this is
   * the first read), waits for a poll, shared by every concurrent reader and bounded by `freshWaitMs`.
   */
  async fresh(now = Date.now()): Promise<Snapshot> {
    const s = this.current;
    if (s.polledAt > 0 && now - s.polledAt <= this.options.pollIntervalMs) return s;
    return this.bounded(this.inFlight?.promise ?? this.startPoll(false));
  }

  /**
   * The snapshot without marking anyone as watching and without asking for a fresh poll: only in the
   * moment after start-up, before the first poll has answered, is that poll awaited (bounded), so a
   * monitor or a scrape right after a start does not report an agent that was never checked as down.
   */
  async settled(): Promise<Snapshot> {
    if (this.current.polledAt > 0 || !this.inFlight) return this.current;
    return this.bounded(this.inFlight.promise);
  }

  /**
   * A poll that starts now or after the one in flight (which may have read the agent before a change
   * just made): what a mutation waits for before it answers, so the viewer's next read shows it.
   */
  pollAfterChange(withTags = false): Promise<Snapshot> {
    const running = this.inFlight;
    const next = running ? running.promise.then(() => this.startPoll(withTags)) : this.startPoll(withTags);
    return this.bounded(next);
  }

  private bounded(poll: Promise<Snapshot>): Promise<Snapshot> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Snapshot>((resolve) => {
      timer = setTimeout(() => resolve(this.current), this.options.freshWaitMs);
    });
    return Promise.race([poll, timeout]).finally(() => clearTimeout(timer));
  }

  private startPoll(forceTags: boolean): Promise<Snapshot> {
    // One poll at a time: two would each build on the snapshot they started from, and the later to
    // finish would undo the other. A poll in flight that lacks the tags is followed by one that has them.
    const running = this.inFlight;
    if (running)
      return running.withTags || !forceTags ? running.promise : running.promise.then(() => this.startPoll(forceTags));
    const startedAt = Date.now();
    const prev = this.current;
    // Tags are fetched on their own slower clock, and at every poll while they fail (so the tags
    // panel heals with the rest of the page when the agent comes back).
    const withTags =
      forceTags || startedAt >= this.tagsDueAt || prev.tags.error !== undefined || prev.status.error !== undefined;
    const promise = this.poll(prev, withTags, startedAt).finally(() => {
      if (this.inFlight?.promise === promise) this.inFlight = undefined;
      const interval = this.isWatched() ? this.options.pollIntervalMs : this.options.backgroundPollMs;
      if (this.running) this.schedule(startedAt + interval - Date.now());
    });
    this.inFlight = { promise, startedAt, withTags };
    this.lastStartedAt = startedAt;
    return promise;
  }

  private async poll(prev: Snapshot, withTags: boolean, startedAt: number): Promise<Snapshot> {
    this.polls++;
    const answer = await this.source.poll(withTags);
    const annotate = this.options.annotateStatus;
    const status =
      annotate && answer.status.status === "fulfilled"
        ? { status: "fulfilled" as const, value: annotate(answer.status.value) }
        : answer.status;
    const at = Date.now();
    const s = settle(prev.status, status, at);
    const r = settleRuns(prev.runs, answer.runs, at);
    let t = { slot: prev.tags, changed: false };
    if (answer.tags) {
      t = settle(prev.tags, answer.tags, at);
      if (!t.slot.error) this.tagsDueAt = startedAt + (this.options.tagsIntervalMs ?? 10_000);
    }
    const readOnly = answer.readOnly;
    const changed = s.changed || r.changed || t.changed || readOnly !== prev.readOnly;
    const next: Snapshot = {
      seq: changed ? prev.seq + 1 : prev.seq,
      polledAt: at,
      status: s.slot,
      runs: r.slot,
      tags: t.slot,
      summary: summaryFor(prev, r.slot),
      ...(readOnly !== undefined ? { readOnly } : {}),
      // The step from the version before, when this poll made a new version and diffed the runs.
      ...(changed && r.delta && prev.seq > 0 ? { runsStep: { fromSeq: prev.seq, delta: r.delta } } : {}),
    };
    this.current = next;
    this.options.onSnapshot?.(next, prev);
    return next;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        if (this.running && !this.inFlight) void this.startPoll(false);
      },
      Math.max(0, delayMs),
    );
    // The loop never keeps a process alive on its own (tests, a stopping server).
    this.timer.unref();
  }
}
