"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "./button";
import { cn } from "./cn";

/**
 * A modal dialog on the native <dialog> element: focus moves into it and stays there, Escape closes
 * it, the page behind is inert, and it is exposed as role="dialog" named by its title (`titleId`).
 * Focus goes back to where it was when the dialog opened.
 */
export function Modal({
  open,
  titleId,
  describedBy,
  onClose,
  className,
  children,
}: {
  open: boolean;
  titleId: string;
  describedBy?: string;
  onClose: () => void;
  className?: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement;
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);

  const closed = () => {
    const back = opener.current;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
    onClose();
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onClose={closed}
      className={cn(
        "m-auto rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl backdrop:bg-zinc-950/50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
        className,
      )}
    >
      {children}
    </dialog>
  );
}

/** A confirmation: the question, what it will do, Cancel (focused first, the safe choice) and the action. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  danger,
  busy,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const titleId = useId();
  const bodyId = useId();
  return (
    <Modal
      open={open}
      titleId={titleId}
      describedBy={bodyId}
      onClose={onClose}
      className="w-[min(28rem,calc(100vw-2rem))]"
    >
      <div className="p-5">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        <div id={bodyId} className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">
          {children}
        </div>
        <div className="mt-5 flex justify-end gap-2">
          <Button autoFocus onClick={onClose}>
            {cancelLabel}
          </Button>
          <Button variant={danger ? "danger" : "primary"} onClick={onConfirm} disabled={busy}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </Modal>
  );
}
