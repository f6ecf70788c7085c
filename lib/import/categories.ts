// Adzuna's job categories, and the folder names text ads arrive in ("Healthcare_Nursing").

export const ADZUNA_CATEGORIES = [
  "Accounting & Finance Jobs",
  "Admin Jobs",
  "Charity & Voluntary Jobs",
  "Consultancy Jobs",
  "Creative & Design Jobs",
  "Customer Services Jobs",
  "Domestic help & Cleaning Jobs",
  "Energy, Oil & Gas Jobs",
  "Engineering Jobs",
  "Graduate Jobs",
  "HR & Recruitment Jobs",
  "Healthcare & Nursing Jobs",
  "Hospitality & Catering Jobs",
  "IT Jobs",
  "Legal Jobs",
  "Logistics & Warehouse Jobs",
  "Maintenance Jobs",
  "Manufacturing Jobs",
  "Other/General Jobs",
  "Part time Jobs",
  "PR, Advertising & Marketing Jobs",
  "Property Jobs",
  "Retail Jobs",
  "Sales Jobs",
  "Scientific & QA Jobs",
  "Social work Jobs",
  "Teaching Jobs",
  "Trade & Construction Jobs",
  "Travel Jobs",
] as const;

const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && w !== "jobs" && w !== "and")
    .join(" ");

const BY_WORDS = new Map<string, string>(ADZUNA_CATEGORIES.map((c) => [words(c), c]));

/**
 * "Healthcare_Nursing" → "Healthcare & Nursing Jobs". Known categories are matched by their words;
 * an unknown folder still becomes a readable category ("Green_Energy" → "Green & Energy Jobs").
 */
export function categoryFromFolder(folder: string): string | null {
  const name = folder.trim();
  if (!name) return null;
  const known = BY_WORDS.get(words(name));
  if (known) return known;
  const parts = name
    .split(/_+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return null;
  const joined = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} & ${parts.at(-1)}`;
  return /\bjobs$/i.test(joined) ? joined : `${joined} Jobs`;
}

/** A category as written in a CSV, tidied; matched case-insensitively to Adzuna's spelling. */
export function normaliseCategory(value: string | null | undefined): string | null {
  const v = value?.trim().replace(/\s+/g, " ");
  if (!v) return null;
  return BY_WORDS.get(words(v)) ?? v;
}
