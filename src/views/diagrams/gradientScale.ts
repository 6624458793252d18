/** The backward pass's colour scale: a gradient magnitude on a log scale, DECADES decades below its top. */
import { DECADES } from '../primitives/colorLut';

/** Position of a gradient magnitude on a log scale spanning DECADES below logMax: 0..1. */
export function strength(g: number, logMax: number): number {
  if (!(g > 0)) return 0;
  return Math.min(1, Math.max(0, (Math.log10(g) - (logMax - DECADES)) / DECADES));
}
