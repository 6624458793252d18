/** Colour scales shared by the views: diverging, colour-blind-safe (purple–orange). */
import { scaleDiverging } from 'd3-scale';
import { interpolatePuOr } from 'd3-scale-chromatic';

/** Values in [−1, 1] (tanh outputs, gates, states): purple below 0, white at 0, orange above. */
export const valueColor = scaleDiverging<string>(interpolatePuOr).domain([-1, 0, 1]).clamp(true);

/** Readable text colour on top of a fill from valueColor. */
export function inkOn(value: number): string {
  return Math.abs(value) > 0.6 ? '#ffffff' : '#1b2430';
}

/** A number as the views print it: 3 significant digits, compact for tiny and huge values. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1);
  return v.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2);
}

/** A loss or another positive quantity: 3 significant digits, exponent form when tiny. */
export function formatLoss(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  return Math.abs(v) < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(3)));
}

/** An axis tick on a log scale: 0.1, 0.01, 1e-3, 1e-4 … */
export function formatTick(v: number): string {
  return v >= 0.01 && v < 1e4 ? String(Number(v.toPrecision(2))) : v.toExponential(0);
}
