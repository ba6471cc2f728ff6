"use client";

import dynamic from "next/dynamic";
import { usePathname, useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import {
  goTarget,
  hasCommandModifier,
  isActivatable,
  isTypingTarget,
  modalDialogOpen,
  SEQUENCE_MS,
} from "@/lib/client/keyboard";

/** The sheet is drawn only when asked for; its code loads then, not with the page. */
const ShortcutsSheet = dynamic(() => import("./shortcuts-sheet").then((m) => m.ShortcutsSheet), { ssr: false });

/** A shortcut's handler: true when it acted (the key is then taken from the page). */
type Handler = () => boolean;

/** Handlers by key; the latest one registered for a key acts first (the most specific part of the page). */
class Registry {
  private readonly byKey = new Map<string, Handler[]>();
  /** A key pressed for a part of the page still being drawn (useShortcutsThatDraw), and until when it waits. */
  private waiting: { key: string; until: number } | null = null;
  add(key: string, handler: Handler): () => void {
    const list = this.byKey.get(key) ?? [];
    this.byKey.set(key, [...list, handler]);
    if (this.waiting?.key === key && performance.now() <= this.waiting.until) {
      this.waiting = null;
      // After the rest of the part's effects: its other keys and refs are in place by then.
      setTimeout(handler, 0);
    }
    return () =>
      this.byKey.set(
        key,
        (this.byKey.get(key) ?? []).filter((h) => h !== handler),
      );
  }
  run(key: string): boolean {
    return [...(this.byKey.get(key) ?? [])].reverse().some((h) => h());
  }
  /** Runs `key` with the next handler registered for it, if that comes within a few seconds. */
  runWhenRegistered(key: string): void {
    this.waiting = { key, until: performance.now() + WAIT_FOR_PART_MS };
  }
}

/** How long a key pressed for a part of the page still being drawn waits for it (its code may be loading). */
const WAIT_FOR_PART_MS = 5000;

const RegistryContext = createContext<Registry | null>(null);

/**
 * A key for a part of the page ("/", "j", "k", "Enter", "Escape"), active while `enabled`. The
 * handler may change every render; the registration does not.
 */
export function useShortcut(key: string, handler: Handler, enabled = true): void {
  const registry = useContext(RegistryContext);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!registry || !enabled) return;
    return registry.add(key, () => latest.current());
  }, [registry, key, enabled]);
}

/**
 * Keys of a part of the page that is drawn on demand (a panel below the first screen): while
 * `waiting`, pressing one of them draws the part (`draw`) and then acts as if the part had been
 * there, once its own shortcut for the key is registered.
 */
export function useShortcutsThatDraw(keys: readonly string[], draw: () => void, waiting: boolean): void {
  const registry = useContext(RegistryContext);
  const latest = useRef(draw);
  useEffect(() => {
    latest.current = draw;
  });
  const list = keys.join(" ");
  useEffect(() => {
    if (!registry || !waiting) return;
    const removals = list.split(" ").map((key) =>
      registry.add(key, () => {
        registry.runWhenRegistered(key);
        latest.current();
        return true;
      }),
    );
    return () => removals.forEach((remove) => remove());
  }, [registry, list, waiting]);
}

/**
 * The page's keyboard: "?" opens the shortcuts sheet, "g" then o / w / a goes to the overview, the
 * wall or the activity, and the parts of the page add their own keys with useShortcut. Nothing
 * fires while typing in a field, with Ctrl, Meta or Alt held, or while a dialog is open (Esc there
 * is the dialog's own).
 */
export function KeyboardShortcuts({ children }: { children: React.ReactNode }) {
  const [registry] = useState(() => new Registry());
  // Which opening of the sheet is on screen (0: none). Each opening is a new one, so a "?" pressed
  // in the same moment as the Esc that closed the last one still opens a dialog.
  const [sheet, setSheet] = useState(0);
  const openings = useRef(0);
  const router = useRouter();
  const pathname = usePathname();
  const path = useRef(pathname);
  useEffect(() => {
    path.current = pathname;
  }, [pathname]);

  useEffect(() => {
    let gAt = -Infinity;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || hasCommandModifier(e)) return;
      if (isTypingTarget(e.target) || modalDialogOpen()) return;
      const sequence = e.timeStamp - gAt <= SEQUENCE_MS;
      gAt = -Infinity;
      let acted = false;
      if (sequence) {
        const to = goTarget(e.key, path.current);
        if (to) router.push(to);
        acted = to !== null;
      } else if (e.key === "g") {
        gAt = e.timeStamp;
        return;
      } else if (e.key === "?") {
        setSheet(++openings.current);
        acted = true;
      } else if (e.key !== "Enter" || !isActivatable(e.target)) {
        acted = registry.run(e.key);
      }
      if (acted) e.preventDefault();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [registry, router]);

  return (
    <RegistryContext.Provider value={registry}>
      {children}
      {sheet > 0 && <ShortcutsSheet key={sheet} onClose={() => setSheet((s) => (s === sheet ? 0 : s))} />}
    </RegistryContext.Provider>
  );
}
