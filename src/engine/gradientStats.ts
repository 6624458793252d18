/**
 * Numbers behind the gradient views: the norm of ∂L/∂h_t (or ∂L/∂c_t) over the units at each
 * step, and the fitted decay per step as the error signal travels back in time.
 */

/** The smallest positive float32: anything at or below it is drawn at the chart's floor. */
export const F32_TINY = 1.401298464324817e-45;

/** ‖a[start .. start + n)‖₂. */
export function rowNorm(a: ArrayLike<number>, start: number, n: number): number {
  let sq = 0;
  for (let j = 0; j < n; j++) sq += a[start + j]! ** 2;
  return Math.sqrt(sq);
}

/** ‖row t‖₂ of a [T][H] buffer, for every t. */
export function stepNorms(values: Float32Array, T: number, H: number): Float64Array {
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = rowNorm(values, t * H, H);
  return out;
}

export interface DecayFit {
  /** How much the norm is multiplied by per step back in time (e^(−slope of ln‖g_t‖ in t)). */
  perStep: number;
  /** The steps (1-based) the fit used. */
  from: number;
  to: number;
}

/**
 * Least-squares fit of ln‖g_t‖ = a + b·t over the steps whose norm is above the float32 floor,
 * up to step `last` (where the loss is); null with fewer than two such steps.
 */
export function fitDecay(norms: Float64Array, last = norms.length): DecayFit | null {
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  let from = 0, to = 0;
  for (let k = 0; k < last; k++) {
    const v = norms[k]!;
    if (!(v > F32_TINY) || !Number.isFinite(v)) continue;
    const t = k + 1;
    const y = Math.log(v);
    n++;
    sx += t;
    sy += y;
    sxx += t * t;
    sxy += t * y;
    if (from === 0) from = t;
    to = t;
  }
  const den = n * sxx - sx * sx;
  if (n < 2 || den === 0) return null;
  const slope = (n * sxy - sx * sy) / den;
  return { perStep: Math.exp(-slope), from, to };
}

/** The last step (1-based) of a [T] target mask that has a target; 1 when none has. */
export function lastTargetStep(mask: Uint8Array, T: number): number {
  let last = T;
  while (last > 1 && !mask[last - 1]) last--;
  return last;
}
