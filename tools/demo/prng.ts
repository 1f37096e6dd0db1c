/**
 * Deterministic pseudo-random numbers for the demo generator: sfc32 seeded through splitmix32 from a
 * numeric seed and a stream name, so independent streams (orgs, members, …) never shift each other.
 */

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a string, to turn stream names into seed material */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = '') {
    const sm = splitmix32((seed >>> 0) ^ hashString(stream) ^ Math.floor(seed / 2 ** 32));
    this.a = sm();
    this.b = sm();
    this.c = sm();
    this.d = sm();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** uniform 32-bit unsigned integer (sfc32) */
  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** integer in [lo, hi] */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** standard normal (Box–Muller) */
  gaussian(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** `count` distinct indexes from [0, n), in ascending order */
  sample(n: number, count: number): number[] {
    const chosen = new Set<number>();
    const k = Math.min(n, count);
    while (chosen.size < k) chosen.add(this.int(n));
    return [...chosen].sort((x, y) => x - y);
  }
}

/** A weighted picker over a fixed list (cumulative weights + binary search). */
export class WeightedPicker<T> {
  private readonly cum: Float64Array;
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    this.cum = new Float64Array(items.length);
    let s = 0;
    for (let i = 0; i < items.length; i++) {
      s += Math.max(0, weights[i] ?? 0);
      this.cum[i] = s;
    }
    this.total = s;
    if (!(s > 0)) throw new Error('WeightedPicker needs a positive total weight');
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

/**
 * A UUIDv7 (RFC 9562 layout: 48-bit ms timestamp, version 7, variant 10) whose random bits come
 * from `rng`, so ids are reproducible and still sort by the given timestamp.
 */
export function uuidv7From(tsMs: number, rng: Rng): string {
  const ts = Math.floor(tsMs).toString(16).padStart(12, '0').slice(-12);
  const r1 = rng.u32();
  const r2 = rng.u32();
  const r3 = rng.u32();
  const verA = `7${hex8(r1).slice(0, 3)}`;
  const variant = (8 | (r1 & 0x3)).toString(16) + hex8(r1).slice(3, 6);
  return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-${verA}-${variant}-${hex8(r2)}${hex8(r3).slice(0, 4)}`;
}

/**
 * A keyed pseudo-random permutation of [0, size) (4-round Feistel network over the next power of
 * two, with cycle walking). Used to hand out distinct (birth date, sequence) slots to members.
 */
export class Permutation {
  private readonly halfBits: number;
  private readonly mask: number;
  private readonly keys: number[];

  constructor(
    readonly size: number,
    seed: number,
  ) {
    let bits = 2;
    while (2 ** bits < size) bits += 1;
    if (bits % 2 === 1) bits += 1;
    if (bits > 52) throw new Error('permutation domain too large');
    this.halfBits = bits / 2;
    this.mask = 2 ** this.halfBits - 1;
    const rng = new Rng(seed, 'permutation');
    this.keys = [rng.u32(), rng.u32(), rng.u32(), rng.u32()];
  }

  private round(x: number, key: number): number {
    let h = Math.imul((x ^ key) >>> 0, 0x9e3779b1) >>> 0;
    h = Math.imul(h ^ (h >>> 15), 0x85ebca77) >>> 0;
    h ^= h >>> 13;
    return (h >>> 0) & this.mask;
  }

  private once(v: number): number {
    const base = 2 ** this.halfBits;
    let left = Math.floor(v / base);
    let right = v % base;
    for (const k of this.keys) {
      const next = (left ^ this.round(right, k)) & this.mask;
      left = right;
      right = next;
    }
    return left * base + right;
  }

  at(i: number): number {
    if (i < 0 || i >= this.size) throw new Error('permutation index out of range');
    let v = this.once(i);
    while (v >= this.size) v = this.once(v);
    return v;
  }
}
