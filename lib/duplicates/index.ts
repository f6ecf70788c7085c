// Near-duplicate job ads: the same vacancy advertised again (another board or agency, reworded,
// another town) grouped under its first ad. Framework-free; see README "Duplicate detection".
//
// Typical use, per import batch:
//   const detector = await openDetector(store);            // once, from the stored state
//   const placements = await detectBatch(store, detector, ads);   // new or changed ads
//   await removeAds(store, detector, deletedIds);
//   await markNotDuplicate(store, detector, a, b);          // an admin's "not a duplicate"
//   detector.verdict(fpA, fpB)                               // "why" for the UI: score + reasons
export { DuplicateDetector, DEFAULT_OPTIONS, type DetectorOptions, type DetectorState, type DetectorChanges, type Placement } from "./detector";
export type { AdText, Fingerprint } from "./fingerprint";
export type { Verdict } from "./confirm";
export type { CompanyBoilerplateState } from "./boilerplate";
export { bandKeys, DEFAULT_BANDING } from "./minhash";
export { U32Map } from "./tables";
export { MemoryDuplicateStore, detectBatch, removeAds, markNotDuplicate, rebuild, openDetector, type DuplicateStore } from "./store";
