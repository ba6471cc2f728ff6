"use client";

import dynamic from "next/dynamic";
import { useRef, useState } from "react";
import { useRestartAgent } from "@/lib/client/mutations";
import { Button } from "@/components/ui/button";
import type { RestartPhase } from "./use-restart-tracker";

/** The confirmation is only drawn once asked for; its code loads then, not with the page. */
const ConfirmDialog = dynamic(() => import("@/components/ui/dialog").then((m) => m.ConfirmDialog), { ssr: false });

/**
 * "Restart agent" behind a confirmation dialog ("Restart now"). While the agent restarts the button
 * reads "Restarting…" and stays disabled; "Back online" shows once it answers again.
 */
export function RestartControl({
  agentId,
  agentName,
  phase,
  onRestarted,
}: {
  agentId: string;
  agentName: string;
  phase: RestartPhase;
  onRestarted: () => void;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // The dialog leaves the page when it closes, so focus goes back to the button by hand.
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const restart = useRestartAgent(agentId);
  const restarting = restart.isPending || phase === "restarting";

  const confirm = () =>
    restart.mutate(undefined, {
      onSuccess: () => {
        close();
        onRestarted();
      },
    });

  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        ref={button}
        variant="secondary"
        onClick={() => setOpen(true)}
        disabled={restarting}
        aria-busy={restarting}
      >
        {restarting ? "Restarting…" : "Restart agent"}
      </Button>
      <span role="status" className="text-sm">
        {phase === "restarting" && (
          <span className="text-sky-700 dark:text-sky-400">Waiting for the agent to come back…</span>
        )}
        {phase === "back" && <span className="font-medium text-emerald-700 dark:text-emerald-400">Back online</span>}
      </span>
      {restart.error && !restart.isPending && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          Could not restart: {restart.error.message}
        </p>
      )}
      {open && (
        <ConfirmDialog
          open={open}
          title="Restart the agent?"
          confirmLabel={restart.isPending ? "Restarting…" : "Restart now"}
          danger
          busy={restart.isPending}
          onConfirm={confirm}
          onClose={close}
        >
          <p>
            {agentName} will stop all transfers, restart, and reconnect. This usually takes a few seconds; the dashboard
            shows when it is back.
          </p>
          {restart.error && !restart.isPending && (
            <p className="mt-2 text-red-700 dark:text-red-400">Could not restart: {restart.error.message}</p>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
