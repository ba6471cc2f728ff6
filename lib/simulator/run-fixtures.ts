import type { KnownRunType } from "../agent-api/runs";
import { Rng } from "./rng";
import { MAX_SPEED, MB, MIN_SPEED, type FullRun, type RunStatus, type SimRun } from "./run-types";

/**
 * Initial runs. The first twenty follow a fixed plan (60% folder, 30% transfer, 10% script; 10% in
 * "error") so that even `--runs 5` shows a varied mix; the numbers in them come from the seed.
 */
const PLAN: readonly [KnownRunType, RunStatus][] = [
  ["folder", "syncing"],
  ["transfer", "downloading"],
  ["folder", "error"],
  ["script", "executing script"],
  ["folder", "synced"],
  ["folder", "syncing"],
  ["transfer", "seeding"],
  ["folder", "no peers"],
  ["folder", "indexing"],
  ["transfer", "waiting for files from source"],
  ["folder", "syncing"],
  ["folder", "synced"],
  ["transfer", "successfully finished"],
  ["transfer", "error"],
  ["folder", "syncing"],
  ["script", "successfully finished"],
  ["folder", "synced"],
  ["folder", "syncing"],
  ["transfer", "downloading"],
  ["folder", "synced"],
];
/** Index in PLAN of a syncing run that also reports a (non-fatal) error, as real agents do. */
const WARNING_SLOT = 17;

/** Beyond the plan, some runs take rarer documented statuses so the UI meets them too. */
const RARE: Record<KnownRunType, readonly RunStatus[]> = {
  folder: ["low priority", "writing acl", "processing files", "loading", "mounting selective sync volume"],
  transfer: [
    "invalid state",
    "expired",
    "no peers",
    "cleaning up destination folder",
    "waiting for scheduled script",
    "executing pre-indexing script",
    "executing post-download script",
    "executing complete script",
    "archiving script logs",
  ],
  script: ["expired", "loading"],
};

/** Non-ASCII, right-to-left, markup-looking and very long names: agent text the UI must render as text. */
const NAMES = [
  "FullSync",
  "Проекты",
  "東京オフィス",
  "Café Réunion",
  "Ünïcödé 📁",
  "Render Output",
  "Marketing Assets",
  "Финансы 2024",
  "Backups (nightly)",
  "Design — Final",
  "São Paulo Share",
  'Q3 <Report> & "Drafts"',
  "Zürich Archive",
  "Build Artifacts",
  "Photos 📷 2023",
  "Αρχεία Πελατών",
  "مستندات المشروع",
  "Video Dailies",
  "Shared Libraries",
  "Logs",
  "A very long job name that keeps going so the table has to truncate it somewhere sensible",
  "Sales Deck",
  "Медиа",
];
const ROOTS: Record<KnownRunType, readonly string[]> = {
  folder: ["C:\\UserData", "D:\\Projects", "\\\\fileserver\\share", "E:\\Sync"],
  transfer: ["D:\\Distribution", "C:\\Users\\Public\\Incoming"],
  script: ["C:\\ProgramData\\Resilio\\Scripts"],
};

/** The doc leaves the element shape open: mix strings, flat objects and nested ones. */
export const ERROR_SAMPLES: readonly unknown[] = [
  "Access denied: C:\\Data\\locked.db",
  { code: 13, message: "Disk full", path: "D:\\Render\\cache\\frame_0421.exr" },
  "File name too long: C:\\UserData\\Проекты\\2024\\Q4\\Отчёты\\very long folder name\\report-final-final.docx",
  { code: 2, message: "No such file or directory", path: "\\\\fileserver\\share\\東京オフィス\\報告書.docx" },
  { message: "Peer 10.20.0.7:3839 is unreachable" },
  { code: "E_CONFLICT", message: "Sync conflict", details: { file: "budget.xlsx", peers: 2 } },
];
const WARNING = "Can't open file: C:\\UserData\\Café Réunion\\~$menu.docx (locked by another process)";

const TRANSIENT: ReadonlySet<RunStatus> = new Set<RunStatus>([
  "indexing",
  "loading",
  "writing acl",
  "processing files",
  "mounting selective sync volume",
  "executing script",
  "executing pre-indexing script",
  "executing post-download script",
  "executing complete script",
  "archiving script logs",
  "cleaning up destination folder",
]);

/** Where a transient status leads; everything after a download is winding the transfer down. */
export function statusAfter(type: KnownRunType, status: RunStatus): RunStatus {
  if (type === "folder") return "syncing";
  if (type === "script") return status === "executing script" ? "successfully finished" : "executing script";
  return status === "indexing" || status === "loading" || status === "executing pre-indexing script"
    ? "downloading"
    : "successfully finished";
}

function progressFraction(status: RunStatus, rng: Rng): number {
  switch (status) {
    case "synced":
    case "seeding":
    case "successfully finished":
    case "executing post-download script":
    case "executing complete script":
    case "archiving script logs":
    case "cleaning up destination folder":
      return 1;
    case "waiting for files from source":
    case "invalid state":
    case "executing pre-indexing script":
      return 0;
    default:
      return 0.02 + rng.next() * 0.96;
  }
}

function permission(type: KnownRunType, rng: Rng): string {
  const r = rng.next();
  if (type === "folder") return r < 0.7 ? "rw" : r < 0.9 ? "ro" : "sro";
  return r < 0.6 ? "ro" : "rw";
}

function windowsSafe(name: string): string {
  return name.replace(/[<>:"/\\|?*]/g, "_");
}

/** One run; `i` fixes its type, status, name and ids, the seeded `rng` its numbers. */
export function createRun(i: number, rng: Rng, nowSec: number): SimRun {
  const [type, plannedStatus] = PLAN[i % PLAN.length] ?? ["folder", "syncing"];
  let status = plannedStatus;
  if (i >= PLAN.length && rng.chance(0.12)) status = rng.pick(RARE[type]);

  const lap = Math.floor(i / NAMES.length);
  const name = (NAMES[i % NAMES.length] ?? "Job") + (lap > 0 ? ` ${lap + 1}` : "");
  const roots = ROOTS[type];
  const path = `${roots[i % roots.length]}\\${windowsSafe(name)}`;

  const moves = type !== "script";
  const sizeTotal = moves ? Math.round(rng.logUniform(5 * MB, 500_000 * MB)) : 0;
  const filesTotal = moves ? Math.max(1, Math.round(sizeTotal / rng.logUniform(20_000, 50 * MB))) : 0;
  const fraction = progressFraction(status, rng);
  const sizeCompleted = Math.floor(sizeTotal * fraction);
  const filesCompleted = Math.floor(filesTotal * fraction);
  const perm = permission(type, rng);

  const speed = rng.logUniform(MIN_SPEED, MAX_SPEED);
  const uploads = status === "seeding" || (type === "folder" && perm === "rw" && rng.chance(0.3));
  const upSpeed = uploads
    ? rng.logUniform(status === "seeding" ? 0.1 * MB : 0.01 * MB, status === "seeding" ? 10 * MB : 1 * MB)
    : 0;
  const downloading = status === "syncing" || status === "downloading";
  const peers = status === "no peers" ? 0 : downloading || status === "seeding" ? rng.int(1, 8) : rng.int(0, 4);

  // Run 0 carries the doc sample's ids; later ids rise with random gaps, so they never collide.
  const idGap = i === 0 ? 0 : rng.int(0, 1);
  const runIdGap = i === 0 ? 0 : rng.int(0, 2);
  const wire: FullRun = {
    down_speed: downloading ? Math.round(speed) : 0,
    errors: [],
    eta: downloading ? Math.round((sizeTotal - sizeCompleted) / speed) : 0,
    files_completed: filesCompleted,
    files_total: filesTotal,
    id: 384 + i * 2 + idGap,
    name,
    path,
    peers_count: peers,
    peers_count_proxied: peers > 0 && rng.chance(0.2) ? rng.int(1, Math.min(peers, 2)) : 0,
    permission: perm,
    run_id: 543 + i * 3 + runIdGap,
    size_completed: sizeCompleted,
    size_total: sizeTotal,
    status,
    transferred_down: Math.floor(sizeCompleted * (0.5 + rng.next() * 0.5)),
    transferred_up: uploads ? Math.floor(Math.max(sizeTotal, 50 * MB) * rng.logUniform(0.001, 2)) : 0,
    type,
    up_speed: status === "seeding" || (downloading && uploads) ? Math.round(upSpeed) : 0,
  };
  if (type === "folder" && status !== "indexing" && status !== "no peers") {
    wire.last_synced = nowSec - (status === "synced" ? rng.int(5, 86_400) : rng.int(3_600, 3 * 86_400));
  }
  if (status === "error") {
    const count = rng.int(1, 3);
    const first = rng.int(0, ERROR_SAMPLES.length - 1);
    for (let k = 0; k < count; k++) wire.errors.push(ERROR_SAMPLES[(first + k) % ERROR_SAMPLES.length]);
  } else if (i % PLAN.length === WARNING_SLOT) {
    wire.errors.push(WARNING);
  }

  const phaseMs = TRANSIENT.has(status) ? rng.int(3, status === "executing script" ? 90 : 30) * 1000 : 0;
  return { wire, speed, upSpeed, phaseMs, next: statusAfter(type, status) };
}

export function createRuns(count: number, seed: number, nowSec: number): SimRun[] {
  const rng = new Rng(seed);
  const runs: SimRun[] = [];
  for (let i = 0; i < count; i++) runs.push(createRun(i, rng, nowSec));
  return runs;
}

export function isTransient(status: RunStatus): boolean {
  return TRANSIENT.has(status);
}
