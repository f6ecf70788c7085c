// Which ads are copies of one job, for keeping a job's copies on one side of a cross-validation
// split: the near-duplicate groups the app stores (Ad.duplicateGroupId, kept by every import, edit
// and revert; lib/ads/duplicate-store.ts). An ad alone is a group of one.

/** Dense group numbers, one per row, equal exactly for ads of one stored group. */
export function duplicateGroupsOf(rows: readonly { id: number; duplicateGroupId: number | null }[]): Int32Array {
  const dense = new Map<number, number>();
  return Int32Array.from(rows, (r) => {
    const key = r.duplicateGroupId ?? r.id;
    let g = dense.get(key);
    if (g === undefined) dense.set(key, (g = dense.size));
    return g;
  });
}
