/** valueColor as a lookup table of RGB bytes, for painting dense matrices pixel by pixel. */
import { rgb } from 'd3-color';
import { interpolateViridis } from 'd3-scale-chromatic';
import { valueColor } from './color';

const STEPS = 256;

/** RGB for value v in [−1, 1], as three bytes at LUT[3·k]. */
export const LUT: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(STEPS * 3);
  for (let k = 0; k < STEPS; k++) {
    const c = rgb(valueColor(-1 + (2 * k) / (STEPS - 1)));
    lut[3 * k] = c.r;
    lut[3 * k + 1] = c.g;
    lut[3 * k + 2] = c.b;
  }
  return lut;
})();

/** The LUT index of a value (clamped to [−1, 1]; NaN shows as 0). */
export function lutIndex(v: number): number {
  if (!(v === v)) return ((STEPS - 1) >> 1) * 3;
  const t = Math.min(1, Math.max(-1, v));
  return Math.round(((t + 1) / 2) * (STEPS - 1)) * 3;
}

/** A sequential, colour-blind-safe scale (viridis) as RGB bytes: index 3·k for t = k/255. */
export const MAGNITUDE_LUT: Uint8ClampedArray = (() => {
  const lut = new Uint8ClampedArray(STEPS * 3);
  for (let k = 0; k < STEPS; k++) {
    const c = rgb(interpolateViridis(k / (STEPS - 1)));
    lut[3 * k] = c.r;
    lut[3 * k + 1] = c.g;
    lut[3 * k + 2] = c.b;
  }
  return lut;
})();

/** Decades of magnitude a gradient heatmap spans below its largest value. */
export const DECADES = 6;

/** log10 of the largest magnitude in `values` (−Infinity when all are 0): the top of such a log scale. */
export function logTop(values: ArrayLike<number>): number {
  let max = 0;
  for (let k = 0; k < values.length; k++) max = Math.max(max, Math.abs(values[k]!));
  return Math.log10(max);
}

/** MAGNITUDE_LUT index of |v| on a log scale whose top is log10 of the largest magnitude. */
export function magnitudeIndex(v: number, logMax: number): number {
  const a = Math.abs(v);
  if (!(a > 0) || !Number.isFinite(logMax)) return 0;
  const t = (Math.log10(a) - (logMax - DECADES)) / DECADES;
  return Math.round(Math.min(1, Math.max(0, t)) * (STEPS - 1)) * 3;
}
