// The pipeline's rules, as pure functions: which moves are allowed, what a rejection needs, and how
// long an application spent in each stage. The server actions and the board both use them.

export type StageKind = "OPEN" | "HIRED" | "REJECTED" | "WITHDRAWN";
export type StageLike = { id: number; key: string; name: string; kind: StageKind; position: number };

/** The stages a fresh database starts with (keys are stable; admins rename and reorder OPEN ones). */
export const DEFAULT_STAGES: readonly Omit<StageLike, "id">[] = [
  { key: "applied", name: "Applied", kind: "OPEN", position: 1 },
  { key: "screening", name: "Screening", kind: "OPEN", position: 2 },
  { key: "interview", name: "Interview", kind: "OPEN", position: 3 },
  { key: "offer", name: "Offer", kind: "OPEN", position: 4 },
  { key: "hired", name: "Hired", kind: "HIRED", position: 100 },
  { key: "rejected", name: "Rejected", kind: "REJECTED", position: 101 },
  { key: "withdrawn", name: "Withdrawn", kind: "WITHDRAWN", position: 102 },
];

export const REJECT_REASONS = [
  "Not enough experience",
  "Skills do not match",
  "Salary expectations",
  "Location / commute",
  "Failed interview",
  "Position filled",
  "Client declined",
  "Other",
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type MoveInput = { reason?: string | null; note?: string | null };

/**
 * Why a move is not allowed, or null when it is. Any stage may go to any other (Rejected and
 * Withdrawn from anywhere; a closed application may be reopened), but a rejection needs a reason
 * from the list, and "Other" needs words.
 */
export function moveProblem(from: StageLike, to: StageLike, input: MoveInput = {}): string | null {
  if (from.id === to.id) return `The application is already in ${to.name}.`;
  if (to.kind === "REJECTED") {
    if (!input.reason || !(REJECT_REASONS as readonly string[]).includes(input.reason)) return "Choose a reason for the rejection.";
    if (input.reason === "Other" && !input.note?.trim()) return "Say why the candidate was rejected.";
  }
  return null;
}

/** Open stages in board order, then Hired, Rejected, Withdrawn. */
export function boardOrder<T extends Pick<StageLike, "kind" | "position">>(stages: readonly T[]): T[] {
  const rank = (s: T) => (s.kind === "OPEN" ? 0 : 1);
  return [...stages].sort((a, b) => rank(a) - rank(b) || a.position - b.position);
}

export const isActive = (kind: StageKind) => kind === "OPEN";

export type StageVisit = { toStageId: number; createdAt: Date };

/**
 * Time spent in each stage from an application's history (oldest first; the first entry is its
 * creation). A stage visited twice adds up; the current stage counts until `now`.
 */
export function timeInStages(history: readonly StageVisit[], now: Date): Map<number, number> {
  const out = new Map<number, number>();
  const sorted = [...history].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  sorted.forEach((visit, i) => {
    const end = i + 1 < sorted.length ? sorted[i + 1].createdAt : now;
    const ms = Math.max(0, end.getTime() - visit.createdAt.getTime());
    out.set(visit.toStageId, (out.get(visit.toStageId) ?? 0) + ms);
  });
  return out;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "12 min", "5 h", "3 d" — for cards and history rows. */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return "just now";
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h`;
  return `${Math.floor(ms / DAY)} d`;
}

/** The median of a list (NaN when empty): for "median time to hire". */
export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
