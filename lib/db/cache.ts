// Answers kept until the data under them changes. A cached value carries the state it was
// computed at (the counters in lib/ads/version.ts, or any other string that moves when the data
// does); a read with another state computes it again. One small LRU per process, shared by every
// request: the ads table's counts and search windows, the dashboard's numbers.

type Entry = { state: string; value: unknown };
const globalForCache = globalThis as unknown as { __rdVersionedCache?: Map<string, Entry> };
const SIZE = 300;

function entries(): Map<string, Entry> {
  return (globalForCache.__rdVersionedCache ??= new Map());
}

const ids = new WeakMap<object, number>();
let nextId = 0;

/**
 * A key that belongs to one database client: two databases in one process (tests, the benchmark)
 * can be at the same counter values without seeing each other's answers.
 */
export function scoped(db: object, key: string): string {
  let id = ids.get(db);
  if (id === undefined) ids.set(db, (id = ++nextId));
  return `${id}:${key}`;
}

/** The value for `key` at data `state`: the cached one, or `compute()`'s (then kept). */
export async function cached<T>(key: string, state: string, compute: () => Promise<T>): Promise<T> {
  const cache = entries();
  const hit = cache.get(key);
  if (hit && hit.state === state) {
    cache.delete(key);
    cache.set(key, hit); // most recently used last
    return hit.value as T;
  }
  const value = await compute();
  cache.set(key, { state, value });
  if (cache.size > SIZE) cache.delete(cache.keys().next().value!);
  return value;
}

/** Forgets cached values (all, or those whose key `keep` refuses); the query benchmark measures first visits. */
export function clearCache(keep?: (key: string) => boolean): void {
  for (const key of [...entries().keys()]) if (!keep?.(key)) entries().delete(key);
}
