"use client";

import { Fragment, useId } from "react";
import { SHORTCUT_GROUPS } from "./shortcut-list";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/dialog";

const KEY =
  "inline-flex h-6 min-w-6 items-center justify-center rounded border border-zinc-300 bg-zinc-50 px-1.5 font-mono text-xs font-medium text-zinc-800 shadow-[0_1px_0_var(--color-zinc-300)] dark:border-zinc-600 dark:bg-zinc-800 dark:text-zinc-100 dark:shadow-[0_1px_0_var(--color-zinc-600)]";

/** The list of every keyboard shortcut, in a modal dialog ("?" opens it, Esc or Close closes it). */
export function ShortcutsSheet({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  return (
    <Modal open titleId={titleId} onClose={onClose} className="w-[min(34rem,calc(100vw-2rem))]">
      <div className="p-5">
        <div className="flex items-center justify-between gap-4">
          <h2 id={titleId} className="text-base font-semibold">
            Keyboard shortcuts
          </h2>
          <Button size="sm" autoFocus onClick={onClose}>
            Close
          </Button>
        </div>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-300">
          Not while typing in a field, nor with Ctrl, Alt or ⌘ held.
        </p>
        {SHORTCUT_GROUPS.map((group, g) => (
          <section key={group.title} aria-labelledby={`${titleId}-${g}`} className="mt-4">
            <h3
              id={`${titleId}-${g}`}
              className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400"
            >
              {group.title}
            </h3>
            <dl className="mt-1 divide-y divide-zinc-100 dark:divide-zinc-800">
              {group.shortcuts.map((s) => (
                <div key={s.keys.join(" ") + s.what} className="flex items-center justify-between gap-4 py-1.5 text-sm">
                  <dt className="flex shrink-0 items-center gap-1">
                    {s.keys.map((k, i) => (
                      <Fragment key={k}>
                        {i > 0 && <span className="text-xs text-zinc-600 dark:text-zinc-400">then</span>}
                        <kbd className={KEY}>{k}</kbd>
                      </Fragment>
                    ))}
                  </dt>
                  <dd className="text-right text-zinc-700 dark:text-zinc-300">{s.what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Modal>
  );
}
