"use client";

import { usePauseAgent, useResumeAgent } from "@/lib/client/mutations";
import { Button } from "@/components/ui/button";

/** Resume-timer choices (seconds; undefined = until resumed by hand). */
export const PAUSE_CHOICES: { label: string; seconds?: number }[] = [
  { label: "15 min", seconds: 15 * 60 },
  { label: "1 h", seconds: 3600 },
  { label: "4 h", seconds: 4 * 3600 },
  { label: "until resumed" },
];

/**
 * Pause with a resume timer, or resume. Buttons are named "Pause for 15 min" … "Pause until
 * resumed" and "Resume", and stay disabled while their request is in flight.
 */
export function PauseControls({
  agentId,
  paused,
  disabled,
}: {
  agentId: string;
  paused: boolean | undefined;
  disabled?: boolean;
}) {
  const pause = usePauseAgent(agentId);
  const resume = useResumeAgent(agentId);
  const busy = pause.isPending || resume.isPending;
  const error = pause.error ?? resume.error;

  return (
    <div className="flex flex-wrap items-center gap-2">
      {paused ? (
        <Button
          variant="primary"
          onClick={() => resume.resume()}
          disabled={busy || disabled}
          aria-busy={resume.isPending}
        >
          {resume.isPending ? "Resuming…" : "Resume"}
        </Button>
      ) : (
        <div role="group" aria-label="Pause the agent" className="flex flex-wrap items-center gap-1.5">
          <span className="mr-1 text-sm text-zinc-600 dark:text-zinc-400">Pause</span>
          {PAUSE_CHOICES.map((c) => {
            const name = c.seconds ? `Pause for ${c.label}` : `Pause ${c.label}`;
            return (
              <Button
                key={c.label}
                size="sm"
                aria-label={name}
                onClick={() => pause.pause(c.seconds)}
                disabled={busy || disabled || paused === undefined}
              >
                {c.seconds ? c.label : "Until resumed"}
              </Button>
            );
          })}
          {pause.isPending && (
            <span role="status" className="text-xs text-zinc-500 dark:text-zinc-400">
              Pausing…
            </span>
          )}
        </div>
      )}
      {error && !busy && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {paused ? "Could not resume" : "Could not pause"}: {error.message}
        </p>
      )}
    </div>
  );
}
