/**
 * The cells' nonlinearities, applied in place to a row of a buffer.
 *
 * The float32 engine uses float32-accurate exp, σ and tanh written as plain arithmetic, about
 * 30% cheaper than Math.exp and Math.tanh; their relative error is below 2e-8 (the float32
 * epsilon is 6e-8), checked against Math.* in test/fastmath.test.ts. The float64 engine
 * (gradient checks, reference traces) uses Math.exp and Math.tanh.
 *
 * The row functions take and return no floats, so calling them never boxes a number even
 * where the JIT does not inline them: the training step stays free of allocation.
 */
import type { FloatArray } from './tensor';

/** 2^k for k = −1074..1023 at index k + 1074, built by exact doubling and halving. */
const POW2 = new Float64Array(2098);
POW2[1074] = 1;
for (let k = 1075; k < 2098; k++) POW2[k] = POW2[k - 1]! * 2;
for (let k = 1073; k >= 0; k--) POW2[k] = POW2[k + 1]! * 0.5;

const LOG2E = Math.LOG2E;
/** ln 2 split for Cody–Waite reduction: LN2_HI has trailing zero bits, so k·LN2_HI is exact. */
const LN2_HI = 0.693145751953125;
const LN2_LO = 1.4286068203094173e-6;

/** e^x, to within 1e-8 relative (degree-7 Taylor polynomial on |r| ≤ ln2/2, times 2^k). */
export function exp32(x: number): number {
  if (!(x < 709)) return x !== x ? x : Infinity;
  if (x < -744) return 0; // keeps k ≥ −1074; e^x < 1e-323 there
  const k = Math.floor(x * LOG2E + 0.5);
  const r = x - k * LN2_HI - k * LN2_LO;
  const p = 1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720 + r * (1 / 5040)))))));
  return p * POW2[k + 1074]!;
}

/** σ(x) = 1 / (1 + e^(−x)). */
export function sigmoid32(x: number): number {
  return 1 / (1 + exp32(-x));
}

/** tanh(x): an odd Taylor polynomial near 0 (keeps small values accurate), else 1 − 2/(e^(2x) + 1). */
export function tanh32(x: number): number {
  if (x < 0.125 && x > -0.125) {
    const x2 = x * x;
    return x * (1 + x2 * (-1 / 3 + x2 * (2 / 15 + x2 * (-17 / 315 + x2 * (62 / 2835)))));
  }
  return 1 - 2 / (exp32(2 * x) + 1);
}

/**
 * buf[off + k] ← σ(buf[off + k]) for k < n. The float32 arithmetic is written out here rather
 * than calling exp32: a call that returns a float boxes it whenever the JIT declines to inline
 * (which it may, once this loop is itself inlined into a large cell function), and the training
 * step must not allocate. test/fastmath.test.ts checks that it equals sigmoid32 to the bit.
 */
export function sigmoidRow(buf: FloatArray, off: number, n: number, f32: boolean): void {
  if (!f32) {
    for (let k = off; k < off + n; k++) buf[k] = 1 / (1 + Math.exp(-buf[k]!));
    return;
  }
  for (let k = off; k < off + n; k++) {
    const x = -buf[k]!;
    let e: number;
    if (!(x < 709)) e = x !== x ? x : Infinity;
    else if (x < -744) e = 0;
    else {
      const m = Math.floor(x * LOG2E + 0.5);
      const r = x - m * LN2_HI - m * LN2_LO;
      e = (1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720 + r * (1 / 5040)))))))) * POW2[m + 1074]!;
    }
    buf[k] = 1 / (1 + e);
  }
}

/** dst[dOff + k] ← tanh(src[sOff + k]) for k < n (src and dst may be the same row); arithmetic written out as in sigmoidRow. */
export function tanhRow(src: FloatArray, sOff: number, dst: FloatArray, dOff: number, n: number, f32: boolean): void {
  if (!f32) {
    for (let k = 0; k < n; k++) dst[dOff + k] = Math.tanh(src[sOff + k]!);
    return;
  }
  for (let k = 0; k < n; k++) {
    const x = src[sOff + k]!;
    if (x < 0.125 && x > -0.125) {
      const x2 = x * x;
      dst[dOff + k] = x * (1 + x2 * (-1 / 3 + x2 * (2 / 15 + x2 * (-17 / 315 + x2 * (62 / 2835)))));
      continue;
    }
    const y = 2 * x;
    let e: number;
    if (!(y < 709)) e = y !== y ? y : Infinity;
    else if (y < -744) e = 0;
    else {
      const m = Math.floor(y * LOG2E + 0.5);
      const r = y - m * LN2_HI - m * LN2_LO;
      e = (1 + r * (1 + r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720 + r * (1 / 5040)))))))) * POW2[m + 1074]!;
    }
    dst[dOff + k] = 1 - 2 / (e + 1);
  }
}
