// Four-lane float32 exp, σ and tanh for the cell kernels (AssemblyScript, not TypeScript: built
// by scripts/build-wasm.mjs, outside tsc). NaN stays NaN (min and max propagate it), so a
// diverging run is still seen as one.

// ln 2 split for Cody–Waite reduction (as in Cephes expf): k·LN2_HI is exact for |k| ≤ 128.
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const LOG2E: f32 = 1.44269504;
// e^x is finite and normal for x in [−87.3, 88.3]; beyond, σ and tanh are 0, 1 or ±1 in float32.
const X_MIN: f32 = -87.3;
const X_MAX: f32 = 88.3;

/**
 * e^x − 1, lane by lane, precise in relative terms near 0 (where tanh needs it): with
 * x = k·ln2 + r, |r| ≤ ln2/2, it is 2^k·q + (2^k − 1) for q = e^r − 1 ≈ r + r²·P(r), Cephes'
 * polynomial (relative error below 2e-7 before rounding).
 */
@inline export function expm1v(x: v128): v128 {
  const c = f32x4.min(f32x4.max(x, f32x4.splat(X_MIN)), f32x4.splat(X_MAX));
  const k = f32x4.nearest(f32x4.mul(c, f32x4.splat(LOG2E)));
  const r = f32x4.sub(f32x4.sub(c, f32x4.mul(k, f32x4.splat(LN2_HI))), f32x4.mul(k, f32x4.splat(LN2_LO)));
  let p = f32x4.splat(1.9875691500e-4);
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
  const q = f32x4.add(r, f32x4.mul(f32x4.mul(r, r), p)); // e^r − 1
  const two = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(k), i32x4.splat(127)), 23); // 2^k as float32 bits
  // 2^k·(1 + q) − 1 = 2^k·q + (2^k − 1): no cancellation when k = 0.
  return f32x4.add(f32x4.mul(two, q), f32x4.sub(two, f32x4.splat(1)));
}

/** e^x, lane by lane. */
@inline export function expv(x: v128): v128 {
  return f32x4.add(expm1v(x), f32x4.splat(1));
}

/** σ(x) = 1 / (1 + e^(−x)). */
@inline export function sigmoidv(x: v128): v128 {
  return f32x4.div(f32x4.splat(1), f32x4.add(f32x4.splat(1), expv(f32x4.neg(x))));
}

/** tanh(x) = (e^(2x) − 1) / (e^(2x) + 1), from e^(2x) − 1 so that small values keep their precision. */
@inline export function tanhv(x: v128): v128 {
  const e = expm1v(f32x4.add(x, x));
  return f32x4.div(e, f32x4.add(e, f32x4.splat(2)));
}

/** The first n (1–3) lanes of v to p; all four when n ≥ 4. */
@inline export function storeN(p: usize, v: v128, n: i32): void {
  if (n >= 4) {
    v128.store(p, v);
    return;
  }
  store<f32>(p, f32x4.extract_lane(v, 0));
  if (n > 1) store<f32>(p, f32x4.extract_lane(v, 1), 4);
  if (n > 2) store<f32>(p, f32x4.extract_lane(v, 2), 8);
}

/** Four floats from p (a row's last vector may read past its end: the arena keeps slack after every buffer). */
@inline export function ld(p: usize): v128 {
  return v128.load(p);
}
