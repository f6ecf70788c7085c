// Small display helpers shared by pages (en-GB).
export const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
export const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

export function count(n: number): string {
  return n.toLocaleString("en-GB");
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** "Sales Jobs" → "Sales": Adzuna's category names all end in "Jobs"; shown the short way everywhere. */
export function categoryLabel(category: string | null | undefined): string | null {
  return category ? category.replace(/ Jobs$/, "") : null;
}

const SOURCE_LABELS: Record<string, string> = { seed: "Starter ads" };

/** Where an ad came from, in words ("seed" is the app's own word for the ads it starts with). */
export function sourceLabel(source: string | null | undefined): string | null {
  return source ? (SOURCE_LABELS[source] ?? source) : null;
}
