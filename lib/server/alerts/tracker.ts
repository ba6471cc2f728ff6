import "server-only";

/**
 * The incident state machine of one rule for one subject (a run, an agent), pure: given what it
 * knew, whether the condition holds at this evaluation, the time and whether notifications are
 * muted, it says what the incident does now. One notification when it opens, reminders while it
 * stays, one when it resolves; a condition that clears and returns within `resolveMs` (a flapping
 * run) keeps the same incident and counts a flap instead of notifying again.
 *
 * Muted: the incident still opens and resolves (the incidents list shows it), but nothing is sent.
 * An incident whose opening was muted is announced once the mute ends, if it is still open; one
 * that resolved unannounced stays silent.
 */
export type Track = {
  /** When the condition started holding (this stretch). */
  since: number;
  /** While open: when the condition stopped holding, if it has. */
  clearSince?: number;
  /** Set once the incident is open. */
  incidentId?: number;
  openedAt?: number;
  lastNotifiedAt?: number;
  /** The opening notification went out (or was queued): reminders and the resolution follow it. */
  openSent: boolean;
  flaps: number;
};

export type Timing = { forMs: number; resolveMs: number; remindMs?: number };

export type Action = "open" | "announce" | "remind" | "resolve" | "flap" | "none";

/** What happens to a subject at `now`; `track` undefined means it is not tracked (nothing pending or open). */
export function step(
  track: Track | undefined,
  holds: boolean,
  now: number,
  timing: Timing,
  muted: boolean,
): { track: Track | undefined; action: Action; notify: boolean } {
  if (!track || track.incidentId === undefined) {
    if (!holds) return { track: undefined, action: "none", notify: false };
    const pending: Track = track ?? { since: now, openSent: false, flaps: 0 };
    if (now - pending.since < timing.forMs) return { track: pending, action: "none", notify: false };
    // The incident id is given by whoever stores it; until then the track says "opening".
    return {
      track: { ...pending, openedAt: now, openSent: !muted, ...(muted ? {} : { lastNotifiedAt: now }) },
      action: "open",
      notify: !muted,
    };
  }
  if (holds) {
    if (track.clearSince !== undefined) {
      return { track: { ...track, clearSince: undefined, flaps: track.flaps + 1 }, action: "flap", notify: false };
    }
    if (!track.openSent && !muted)
      return { track: { ...track, openSent: true, lastNotifiedAt: now }, action: "announce", notify: true };
    const last = track.lastNotifiedAt ?? track.openedAt ?? track.since;
    if (timing.remindMs !== undefined && track.openSent && !muted && now - last >= timing.remindMs)
      return { track: { ...track, lastNotifiedAt: now }, action: "remind", notify: true };
    return { track, action: "none", notify: false };
  }
  const clearSince = track.clearSince ?? now;
  if (now - clearSince >= timing.resolveMs)
    return { track: undefined, action: "resolve", notify: track.openSent && !muted };
  return { track: clearSince === track.clearSince ? track : { ...track, clearSince }, action: "none", notify: false };
}
