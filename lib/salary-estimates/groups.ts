// Which ads are copies of one job, for keeping a job's copies on one side of a cross-validation
// split. One function, so the source can change: today the salary module's own shingle grouping;
// the near-duplicate engine's stored groups (lib/duplicates, issue 17) can answer here instead.
import { groupNearDuplicates } from "@/lib/salary/near-duplicates";

export function duplicateGroupsOf(rows: readonly { id: number; description: string }[]): Int32Array {
  return groupNearDuplicates(rows.map((r) => r.description));
}
