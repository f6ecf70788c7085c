// Open-addressing hash tables of 32-bit keys and values in typed arrays: the detector's in-memory
// state is a few large arrays instead of millions of JS objects (a Map entry costs ~40–80 bytes;
// a slot here costs 8). Linear probing, grown past 70% load; a slot is empty when its stored value
// is 0 (values are kept plus one, so 0 to 2^32 − 2 can be stored). Deletion shifts the following
// entries back (Knuth's algorithm R), so no tombstones pile up as representatives come and go.
import { fmix32 } from "./hash";

const MIN_CAPACITY = 16;
const MAX_LOAD = 0.7;

abstract class OpenTable {
  protected keys: Uint32Array;
  /** value + 1; 0 marks an empty slot. */
  protected values: Uint32Array;
  protected mask: number;
  private count = 0;

  constructor() {
    this.keys = new Uint32Array(MIN_CAPACITY);
    this.values = new Uint32Array(MIN_CAPACITY);
    this.mask = MIN_CAPACITY - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the table's arrays. */
  get bytes(): number {
    return this.keys.byteLength + this.values.byteLength;
  }

  protected home(key: number): number {
    return fmix32(key) & this.mask;
  }

  protected insertAt(slot: number, key: number, value: number): void {
    if (!(value >= 0 && value < 0xffffffff)) throw new RangeError(`table values must be in [0, 2^32 − 2], got ${value}`);
    this.keys[slot] = key;
    this.values[slot] = value + 1;
    if (++this.count > this.keys.length * MAX_LOAD) this.grow();
  }

  protected removeAt(slot: number): void {
    this.count--;
    // Pull later entries of the probe run back into the hole when their home is at or before it.
    let hole = slot;
    for (let i = (slot + 1) & this.mask; this.values[i]; i = (i + 1) & this.mask) {
      const home = this.home(this.keys[i]);
      if (((i - home) & this.mask) >= ((i - hole) & this.mask)) {
        this.keys[hole] = this.keys[i];
        this.values[hole] = this.values[i];
        hole = i;
      }
    }
    this.values[hole] = 0;
  }

  private grow(): void {
    const { keys, values } = this;
    const capacity = keys.length * 2;
    this.keys = new Uint32Array(capacity);
    this.values = new Uint32Array(capacity);
    this.mask = capacity - 1;
    for (let s = 0; s < keys.length; s++) {
      if (!values[s]) continue;
      let i = this.home(keys[s]);
      while (this.values[i]) i = (i + 1) & this.mask;
      this.keys[i] = keys[s];
      this.values[i] = values[s];
    }
  }

  /** Every entry, in table order (for persisting). */
  forEachEntry(fn: (key: number, value: number) => void): void {
    for (let s = 0; s < this.keys.length; s++) if (this.values[s]) fn(this.keys[s], this.values[s] - 1);
  }
}

/** uint32 → uint32, one value per key. */
export class U32Map extends OpenTable {
  private find(key: number): number {
    for (let i = this.home(key); this.values[i]; i = (i + 1) & this.mask) if (this.keys[i] === key) return i;
    return -1;
  }

  has(key: number): boolean {
    return this.find(key >>> 0) >= 0;
  }

  /** The value, or `missing` when the key is absent. */
  get(key: number, missing = -1): number {
    const s = this.find(key >>> 0);
    return s < 0 ? missing : this.values[s] - 1;
  }

  set(key: number, value: number): void {
    key >>>= 0;
    let i = this.home(key);
    for (; this.values[i]; i = (i + 1) & this.mask) {
      if (this.keys[i] === key) {
        if (!(value >= 0 && value < 0xffffffff)) throw new RangeError(`table values must be in [0, 2^32 − 2], got ${value}`);
        this.values[i] = value + 1;
        return;
      }
    }
    this.insertAt(i, key, value);
  }

  delete(key: number): boolean {
    const s = this.find(key >>> 0);
    if (s < 0) return false;
    this.removeAt(s);
    return true;
  }

  /** Deletes every entry for which `drop(key, value)` is true. */
  prune(drop: (key: number, value: number) => boolean): void {
    const doomed: number[] = [];
    this.forEachEntry((k, v) => {
      if (drop(k, v)) doomed.push(k);
    });
    for (const k of doomed) this.delete(k);
  }
}

/** uint32 → several uint32 values (the LSH index: band key → representatives). */
export class U32MultiMap extends OpenTable {
  add(key: number, value: number): void {
    key >>>= 0;
    let i = this.home(key);
    while (this.values[i]) i = (i + 1) & this.mask;
    this.insertAt(i, key, value);
  }

  /** Removes one (key, value) entry; false when there was none. */
  remove(key: number, value: number): boolean {
    key >>>= 0;
    for (let i = this.home(key); this.values[i]; i = (i + 1) & this.mask) {
      if (this.keys[i] === key && this.values[i] === value + 1) {
        this.removeAt(i);
        return true;
      }
    }
    return false;
  }

  /** Calls `fn` with every value stored under `key`. */
  forEach(key: number, fn: (value: number) => void): void {
    key >>>= 0;
    for (let i = this.home(key); this.values[i]; i = (i + 1) & this.mask) if (this.keys[i] === key) fn(this.values[i] - 1);
  }
}
