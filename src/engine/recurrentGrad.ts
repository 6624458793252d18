/** The recurrent-weight gradient, summed over every step of a batch in one product. */
import { gemmNT, transpose } from './kernels';
import type { FloatArray, Param } from './tensor';
import type { Workspace } from './workspace';

/**
 * dU[rows r0..r0+n) += Σ_t δ_tᵀ · v_{t}, where δ is a column block of a time-major buffer
 * (row stride ld, first column c0) and v is an H-wide time-major buffer starting at vOff.
 * This is the recurrent-weight gradient, summed over all steps in one product.
 */
export function accumulateRecurrentGrad(
  U: Param, H: number, ws: Workspace,
  delta: FloatArray, c0: number, ld: number, n: number,
  v: FloatArray, vOff: number, r0: number,
): void {
  const TB = ws.T * ws.B;
  transpose(TB, n, delta, c0, ld, ws.colsWide);
  transpose(TB, H, v, vOff, H, ws.colsNarrow);
  gemmNT(n, H, TB, ws.colsWide, 0, TB, ws.colsNarrow, 0, TB, U.dw, r0 * H, H, true);
}
