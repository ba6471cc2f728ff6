/*
 * What a keyboard shortcut may react to. Shortcuts are single printable keys, so they must never take
 * a key meant for something else: text typed into a field, a browser or OS chord (Ctrl, Meta, Alt),
 * or a modal dialog that owns the keyboard while it is open.
 */

/** Fields that take typed text: a shortcut key there is a character, not a command. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !["button", "checkbox", "radio", "range", "reset", "submit", "color", "file", "image"].includes(target.type);
}

/** Elements whose own Enter means something (follow, press, submit): Enter there is theirs. */
export function isActivatable(target: EventTarget | null): boolean {
  return (
    target instanceof Element &&
    target.closest("a[href], button, input, select, textarea, summary, [role='button'], [role='link']") !== null
  );
}

/** A chord (Ctrl/Meta/Alt + key) belongs to the browser and the OS; Shift is part of typing "?". */
export function hasCommandModifier(e: KeyboardEvent): boolean {
  return e.ctrlKey || e.metaKey || e.altKey;
}

/** While a modal dialog is open, its keys are its own (Esc closes it by itself). */
export function modalDialogOpen(doc: Document = document): boolean {
  return doc.querySelector("dialog[open]") !== null;
}

/** How long after "g" the second key of a "g o" sequence counts. */
export const SEQUENCE_MS = 1500;

/** Where "g w" and "g a" lead from a path: the agent's own page of that kind, or the fleet's. */
export function goTarget(key: string, pathname: string): string | null {
  const agent = /^\/agents\/([^/]+)/.exec(pathname)?.[1];
  const base = agent ? `/agents/${agent}` : "";
  if (key === "o") return "/";
  if (key === "w") return `${base}/wall`;
  if (key === "a") return `${base}/activity`;
  return null;
}
