/**
 * A seeded pseudo-random generator (xoshiro128**, seeded through splitmix32).
 * The engine never uses Math.random: every consumer is handed an Rng.
 */
export class Rng {
  /** The 128-bit state, as four unsigned 32-bit words (a typed array: updating it allocates nothing). */
  private readonly s = new Uint32Array(4);
  /** [0]: a second normal deviate left over from the last Box–Muller pair; [1]: 1 if it is there. */
  private readonly spare = new Float64Array(2);

  constructor(seed: number) {
    let x = seed >>> 0;
    for (let k = 0; k < 4; k++) {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      this.s[k] = z ^ (z >>> 16);
    }
  }

  /** A uniform unsigned 32-bit integer. */
  nextU32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2] ^= s[0]!;
    s[3] ^= s[1]!;
    s[1] ^= s[2]!;
    s[0] ^= s[3]!;
    s[2] ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }

  /** A uniform float in [0, 1), with 32 random bits. */
  next(): number {
    return this.nextU32() * 2.3283064365386963e-10; // 2^−32
  }

  /** A uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A standard normal deviate (Box–Muller). */
  normal(): number {
    const spare = this.spare;
    if (spare[1] === 1) {
      spare[1] = 0;
      return spare[0]!;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare[0] = r * Math.sin(2 * Math.PI * v);
    spare[1] = 1;
    return r * Math.cos(2 * Math.PI * v);
  }

  /** The whole state (the four words and the spare normal deviate), to carry a stream on elsewhere. */
  state(): number[] {
    return [...this.s, this.spare[0]!, this.spare[1]!];
  }

  /** The same state written into `out` (6 numbers), allocating nothing. */
  saveTo(out: Float64Array): void {
    for (let k = 0; k < 4; k++) out[k] = this.s[k]!;
    out[4] = this.spare[0]!;
    out[5] = this.spare[1]!;
  }

  /** A generator that continues exactly where the one `state()` was taken from stood. */
  static fromState(state: readonly number[]): Rng {
    if (state.length !== 6) throw new Error(`a generator's state has 6 numbers, not ${state.length}`);
    const rng = new Rng(0);
    rng.s.set(state.slice(0, 4));
    rng.spare[0] = state[4]!;
    rng.spare[1] = state[5]!;
    return rng;
  }

  /** An independent generator derived from this one (for held-out sets, probes, …). */
  fork(): Rng {
    return new Rng(this.nextU32());
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
