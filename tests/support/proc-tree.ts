import { readdirSync, readFileSync } from "node:fs";

/*
 * Which processes descend from which, read from Linux's /proc rather than by running a process
 * lister (tests and benchmarks that measure or check processes run on Linux anyway).
 */

/** The parent pid of `pid` (field 4 of /proc/<pid>/stat, after the parenthesised name), or null if gone. */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** Every living process under `pid` (children, their children, …), nearest first. */
export function descendantsOf(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== null) parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
  }
  const found: number[] = [];
  for (let queue = [pid]; queue.length > 0;) {
    const next = parents.get(queue.shift()!) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

/** The one child of a launcher (start.mjs and its server); throws if there are none or several. */
export function onlyChildOf(pid: number): number {
  const children = descendantsOf(pid).filter((p) => parentOf(p) === pid);
  if (children.length !== 1) throw new Error(`expected one process under ${pid}, found ${children.length}`);
  return children[0]!;
}

/** Whether a process with this pid exists (and is not a zombie waiting for its parent). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
