/**
 * The LSTM's full gate recurrence (FGR, Greff et al. 2017): the controllers i, f and o also see
 * the gate values of the step before,
 *   pre_x(t) += Σ_{y ∈ {i, f, o}} R_{x←y} y_{t−1}
 * through nine H×H matrices, stacked in net.R in the order R_ii R_if R_io R_fi R_ff R_fo R_oi R_of
 * R_oo (R_xy feeds gate x from gate y). Every product reads the fused gate rows [i f g o] in place.
 */
import type { Network } from './network';
import type { Workspace } from './workspace';

/** Where gate i, f, o (0, 1, 2 in R's order) sits in a fused gate row [i f g o] of 4H. */
const at = (gate: number, H: number): number => (gate === 2 ? 3 * H : gate * H);

/** Before the forward pass: ws.RT ← each R_xy transposed, in the same order (for the backward products). */
export function gateRecurrenceBegin(net: Network, ws: Workspace): void {
  const H = net.spec.hiddenSize;
  for (let k = 0; k < 9; k++) ws.kernels.transpose(H, H, net.R.w, k * H * H, H, ws.RT, k * H * H);
}

/** Forward, step slot s > 0: gates_t[x] += R_xy y_{t−1} for x, y in i f o and the whole batch. */
export function gateRecurrenceForward(net: Network, ws: Workspace, s: number): void {
  const H = net.spec.hiddenSize;
  const GH = 4 * H;
  const { B, gates, kernels } = ws;
  for (let x = 0; x < 3; x++) {
    for (let y = 0; y < 3; y++) {
      kernels.gemmNT(B, H, H, gates, (s - 1) * B * GH + at(y, H), GH, net.R.w, (3 * x + y) * H * H, H, gates, s * B * GH + at(x, H), GH, true);
    }
  }
}

/** Backward, step slot s > 0: ws.dgateRec[y] ← ∂L/∂y_{t−1} through R, Σ_x δpre_t[x]·R_xy, for y in i f o. */
export function gateRecurrenceBackward(net: Network, ws: Workspace, s: number): void {
  const H = net.spec.hiddenSize;
  const GH = 4 * H;
  const { B, dpre, RT, dgateRec, kernels } = ws;
  for (let y = 0; y < 3; y++) {
    for (let x = 0; x < 3; x++) {
      kernels.gemmNT(B, H, H, dpre, s * B * GH + at(x, H), GH, RT, (3 * x + y) * H * H, H, dgateRec, y * H, 3 * H, x > 0);
    }
  }
}

/** ∂L/∂R_xy = Σ_{t ≥ 2} δpre_t[x] y_{t−1}ᵀ, from δpre transposed (ws.colsWide) and the gate values transposed. */
export function lstmGateRecurrenceGrads(net: Network, ws: Workspace): void {
  const H = net.spec.hiddenSize;
  const GH = 4 * H;
  const TB = ws.T * ws.B;
  const { B, kernels, colsWide, colsGates } = ws;
  kernels.transpose(TB, GH, ws.gates, 0, GH, colsGates);
  for (let x = 0; x < 3; x++) {
    for (let y = 0; y < 3; y++) {
      // Steps 2..T of δpre (columns from B on) against steps 1..T−1 of the gate values.
      kernels.gemmNT(H, H, TB - B, colsWide, at(x, H) * TB + B, TB, colsGates, at(y, H) * TB, TB, net.R.dw, (3 * x + y) * H * H, H, true);
    }
  }
}
