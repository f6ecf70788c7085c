// How an estimate is written wherever a salary shows: never to be read as a real salary. Pure.

/** "£24k" (to the nearest thousand); "£950" below a thousand. */
export function shortPounds(n: number): string {
  return n >= 1000 ? `£${Math.round(n / 1000)}k` : `£${Math.round(n)}`;
}

export const longPounds = (n: number) => `£${Math.round(n).toLocaleString("en-GB")}`;

/** "est. £24k–£31k" */
export function estimateText(e: { low: number; high: number }): string {
  return `est. ${shortPounds(e.low)}–${shortPounds(e.high)}`;
}

/** What a screen reader says for it. */
export function estimateLabel(e: { salary: number; low: number; high: number }, coverage = 0.8): string {
  return `Estimated salary, not stated in the ad: about ${longPounds(e.salary)} a year, ${Math.round(coverage * 100)}% range ${longPounds(e.low)} to ${longPounds(e.high)}`;
}
