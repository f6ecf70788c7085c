// The tag palette: enough contrast for white text, distinct at a glance.
export const TAG_COLORS = ["#64748b", "#dc2626", "#ea580c", "#ca8a04", "#16a34a", "#0891b2", "#2563eb", "#7c3aed", "#db2777"] as const;
export const TAG_COLOR_NAMES: Record<(typeof TAG_COLORS)[number], string> = {
  "#64748b": "Slate",
  "#dc2626": "Red",
  "#ea580c": "Orange",
  "#ca8a04": "Amber",
  "#16a34a": "Green",
  "#0891b2": "Cyan",
  "#2563eb": "Blue",
  "#7c3aed": "Violet",
  "#db2777": "Pink",
};

/** The colour a tag made on the fly gets: the same name always gets the same colour. */
export function defaultTagColor(name: string): (typeof TAG_COLORS)[number] {
  let h = 0;
  for (const ch of name.trim().toLowerCase()) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return TAG_COLORS[Math.abs(h) % TAG_COLORS.length];
}
