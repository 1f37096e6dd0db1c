/**
 * Set of positive integer keys (< 2^53) with a row number each: an open-addressing hash table in
 * typed arrays, so the 身份证号 of a million-row file cost 24 MB instead of a million JS strings.
 */
export class KeyRowSet {
  private keys: Float64Array;
  private rows: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 16) {
    let size = 1 << 4;
    while (size < capacity * 2) size <<= 1;
    this.keys = new Float64Array(size);
    this.rows = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  private slot(key: number): number {
    const lo = key >>> 0;
    const hi = (key / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h & this.mask;
  }

  /** The row number already recorded for `key`, or 0 after recording `row` for it. */
  getOrAdd(key: number, row: number): number {
    let i = this.slot(key);
    for (;;) {
      const k = this.keys[i]!;
      if (k === 0) break;
      if (k === key) return this.rows[i]!;
      i = (i + 1) & this.mask;
    }
    this.keys[i] = key;
    this.rows[i] = row;
    if (++this.count * 2 > this.keys.length) this.grow();
    return 0;
  }

  private grow() {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = new Float64Array(oldKeys.length * 2);
    this.rows = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    for (let j = 0; j < oldKeys.length; j++) {
      const k = oldKeys[j]!;
      if (k === 0) continue;
      let i = this.slot(k);
      while (this.keys[i] !== 0) i = (i + 1) & this.mask;
      this.keys[i] = k;
      this.rows[i] = oldRows[j]!;
    }
  }
}
