/** valueColor as a lookup table of RGB bytes, for painting dense matrices pixel by pixel. */
import { rgb } from 'd3-color';
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
