// Cross-validation folds that keep each group (near-copies of one ad) whole: a test fold never holds
// a copy of a training ad, which would flatter any model that memorises text.
import { seededRandom, shuffleInPlace } from "./random";

/**
 * Fold number (0..k-1) for each item, given a group id per item. Groups are shuffled with the seed,
 * then placed largest first into the fold with the fewest items, so folds come out near equal in size.
 */
export function groupedFolds(groups: ArrayLike<number | string>, k: number, seed = 1): Int32Array {
  if (!(Number.isInteger(k) && k >= 2)) throw new RangeError(`k must be a whole number of at least 2, got ${k}`);
  const members = new Map<number | string, number[]>();
  for (let i = 0; i < groups.length; i++) {
    const list = members.get(groups[i]);
    if (list) list.push(i);
    else members.set(groups[i], [i]);
  }
  const lists = [...members.values()];
  shuffleInPlace(lists, seededRandom(seed));
  // Stable sort: equal sizes keep their shuffled order.
  lists.sort((a, b) => b.length - a.length);
  const sizes = new Array<number>(k).fill(0);
  const fold = new Int32Array(groups.length);
  for (const list of lists) {
    let f = 0;
    for (let c = 1; c < k; c++) if (sizes[c] < sizes[f]) f = c;
    for (const i of list) fold[i] = f;
    sizes[f] += list.length;
  }
  return fold;
}
