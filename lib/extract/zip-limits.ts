// Zip bombs are refused from the archive's directory, before a single entry is inflated: the
// declared sizes of every entry (and the ratio of inflated to stored bytes) must fit the limits.
// Pure; used by the import's zip reader (text ads) and the .docx reader (CVs).

export type ZipEntrySize = { name: string; uncompressedSize: number; compressedSize: number };

export type ZipLimits = {
  /** entries in the archive */
  maxEntries: number;
  /** all entries together, inflated */
  maxTotalBytes: number;
  /** inflated ÷ stored, for entries over `ratioFloorBytes` */
  maxRatio: number;
  ratioFloorBytes: number;
};

export type ZipProblem = { kind: "entries" | "total" | "ratio"; message: string };

const mb = (n: number) => (n >= 1024 ** 3 ? `${+(n / 1024 ** 3).toFixed(1)} GB` : `${+(n / 1024 ** 2).toFixed(1)} MB`);

/** Adds entries one by one (as a zip directory is read) and says at the first that breaks a limit. */
export class ZipBudget {
  private total = 0;
  private count = 0;

  constructor(private readonly limits: ZipLimits) {}

  /** The whole archive's entry count, known from its end record before any entry is read. */
  checkCount(entryCount: number): ZipProblem | null {
    return entryCount > this.limits.maxEntries
      ? { kind: "entries", message: `the zip holds ${entryCount.toLocaleString("en-GB")} entries; the limit is ${this.limits.maxEntries.toLocaleString("en-GB")}` }
      : null;
  }

  add(entry: ZipEntrySize): ZipProblem | null {
    this.count++;
    const counted = this.checkCount(this.count);
    if (counted) return counted;
    const { uncompressedSize: size, compressedSize: stored } = entry;
    if (size > this.limits.ratioFloorBytes && size > this.limits.maxRatio * Math.max(1, stored)) {
      return { kind: "ratio", message: `entry "${entry.name}" expands ${Math.round(size / Math.max(1, stored))}× (a zip bomb?); nothing was extracted` };
    }
    this.total += size;
    if (this.total > this.limits.maxTotalBytes) {
      return { kind: "total", message: `the zip expands to more than ${mb(this.limits.maxTotalBytes)}; nothing was extracted` };
    }
    return null;
  }
}

/** The first problem in a whole directory, or null. */
export function zipProblem(entries: ZipEntrySize[], limits: ZipLimits): ZipProblem | null {
  const budget = new ZipBudget(limits);
  for (const e of entries) {
    const p = budget.add(e);
    if (p) return p;
  }
  return null;
}
