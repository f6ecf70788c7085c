// What the ads table shows, in words. A search works on its newest matches (a window, see
// find-ads.ts); filters then narrow that window, so the sentence says which number is which.
import { count } from "@/lib/format";

export type SearchSummary = { text: string; matches: number; windowed: boolean } | null;

export function resultSummary(total: number, search: SearchSummary): string {
  if (!search) return `${count(total)} ads`;
  if (!search.windowed) return `${count(total)} of ${count(search.matches)} matching ads`;
  if (total < search.matches) {
    return `${count(total)} ads: those of the newest ${count(search.matches)} matching “${search.text}” that pass your filters. More than ${count(search.matches)} ads match: add words to reach older ones.`;
  }
  return `More than ${count(search.matches)} ads match “${search.text}”: showing the newest ${count(search.matches)}. Add words to narrow it down.`;
}
