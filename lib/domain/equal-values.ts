/**
 * Deep equality for JSON-shaped values (what the agent sends and what a delta carries): primitives by
 * `===`, arrays and plain objects key by key. Runs are flat records except `errors` and unknown extra
 * fields, so this stays cheap. A key holding `undefined` still counts as present, as in the object.
 */
export function equalValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const key in y) {
    count++;
    if (!equalValues(x[key], y[key])) return false;
  }
  for (const key in x) if (--count < 0 || !(key in y)) return false;
  return count === 0;
}
