/** Deterministic randomness for the synthetic organisations: the same seed gives the same org everywhere. */

/** mulberry32: tiny, fast, good enough for synthetic data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(lo: number, hi: number): number {
    // inclusive range
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Up to `n` distinct items of `xs` (fewer if xs is short), excluding `not`. */
  sample<T>(xs: readonly T[], n: number, not?: T): T[] {
    const out: T[] = [];
    const seen = new Set<T>();
    if (not !== undefined) seen.add(not);
    const max = Math.min(n, xs.length - (not !== undefined && xs.includes(not) ? 1 : 0));
    let guard = 0;
    while (out.length < max && guard++ < n * 20) {
      const x = this.pick(xs);
      if (!seen.has(x)) {
        seen.add(x);
        out.push(x);
      }
    }
    return out;
  }
  shuffle<T>(xs: readonly T[]): T[] {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}
