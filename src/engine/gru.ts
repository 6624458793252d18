/**
 * The GRU cell, forward and backward through time:
 *   z = σ(W_z x + U_z h_{t−1} + b_z)
 *   r = σ(W_r x + U_r h_{t−1} + b_r)
 *   g = tanh(W_g x + U_g (r⊙h_{t−1}) + b_g)              (standard)
 *   g = tanh(W_g x + b_g + r⊙(U_g h_{t−1} + bh_g))      (reset-after, as cuDNN and PyTorch)
 *   h_t = z⊙h_{t−1} + (1−z)⊙g
 * Gate blocks sit in the order z r g. ws.gates already holds W x_t + b on entry.
 * The standard variant needs r before U_g can act, so it takes two products per step.
 */
import { addRowSums, gemmNT, transpose } from './kernels';
import { sigmoidRow, tanhRow } from './fastmath';
import type { Network } from './network';
import type { Workspace } from './workspace';

export function gruForward(net: Network, ws: Workspace): void {
  const H = net.spec.hiddenSize;
  const GH = 3 * H;
  const { T, B, gates, h, aux } = ws;
  const U = net.U.w;
  const bh = net.bh.w;
  const after = net.spec.resetAfter;
  const f32 = net.dtype === 'f32';
  for (let s = 0; s < T; s++) {
    const g0 = s * B * GH;
    const st = s * B * H;
    // z, r pre-activations += U_zr h_{t−1}; reset-after also needs aux = U_g h_{t−1}. (h_0 = 0.)
    if (s > 0) gemmNT(B, 2 * H, H, h, st, H, U, 0, H, gates, g0, GH, true);
    if (after) {
      if (s > 0) gemmNT(B, H, H, h, st, H, U, 2 * H * H, H, aux, st, H, false);
      else aux.fill(0, st, st + B * H);
    }
    for (let b = 0; b < B; b++) {
      const gi = g0 + b * GH; // this step's row: z at gi, r at gi + H, g at gi + 2H
      const prev = st + b * H;
      sigmoidRow(gates, gi, 2 * H, f32); // z, r
      for (let j = 0; j < H; j++) {
        const r = gates[gi + H + j];
        if (after) {
          const uh = aux[prev + j] + bh[j]; // U_g h_{t−1} + bh_g
          aux[prev + j] = uh;
          gates[gi + 2 * H + j] += r * uh;
        } else {
          aux[prev + j] = r * h[prev + j]; // r⊙h_{t−1}
        }
      }
    }
    // Standard variant: g pre-activation += U_g (r⊙h_{t−1}).
    if (!after && s > 0) gemmNT(B, H, H, aux, st, H, U, 2 * H * H, H, gates, g0 + 2 * H, GH, true);
    for (let b = 0; b < B; b++) {
      const gi = g0 + b * GH;
      const prev = st + b * H;
      const next = prev + B * H;
      tanhRow(gates, gi + 2 * H, gates, gi + 2 * H, H, f32); // g
      for (let j = 0; j < H; j++) {
        const z = gates[gi + j];
        h[next + j] = z * h[prev + j] + (1 - z) * gates[gi + 2 * H + j]; // h_t = z⊙h_{t−1} + (1−z)⊙g
      }
    }
  }
}

export function gruBackward(net: Network, ws: Workspace): void {
  const H = net.spec.hiddenSize;
  const GH = 3 * H;
  const { T, B, gates, h, aux, dh, dpre, dgRec, dhRec, drh, UT } = ws;
  const after = net.spec.resetAfter;
  dhRec.fill(0);
  for (let s = T - 1; s >= 0; s--) {
    const g0 = s * B * GH;
    const st = s * B * H;
    for (let b = 0; b < B; b++) {
      const gr = g0 + b * GH;
      const prev = st + b * H;
      const rb = b * H;
      for (let j = 0; j < H; j++) {
        const z = gates[gr + j];
        const r = gates[gr + H + j];
        const g = gates[gr + 2 * H + j];
        const dhT = dh[prev + j] + dhRec[rb + j];
        dh[prev + j] = dhT;
        const gPreGrad = dhT * (1 - z) * (1 - g * g);
        dpre[gr + j] = dhT * (h[prev + j] - g) * z * (1 - z);
        dpre[gr + 2 * H + j] = gPreGrad;
        if (after) {
          const uh = aux[prev + j];
          dgRec[prev + j] = gPreGrad * r;
          dpre[gr + H + j] = gPreGrad * uh * r * (1 - r);
        }
      }
    }
    if (!after) {
      // δ(r⊙h_{t−1}) = δg_pre U_g, then δr_pre = δ(r⊙h)⊙h_{t−1}⊙r(1−r).
      gemmNT(B, H, H, dpre, g0 + 2 * H, GH, UT, 2 * H, GH, drh, 0, H, false);
      for (let b = 0; b < B; b++) {
        const gr = g0 + b * GH;
        const prev = st + b * H;
        for (let j = 0; j < H; j++) {
          const r = gates[gr + H + j];
          dpre[gr + H + j] = drh[b * H + j] * h[prev + j] * r * (1 - r);
        }
      }
    }
    if (s === 0) continue;
    // δh_{t−1} from step t: through U_z, U_r (and U_g), directly through z, and through r⊙h.
    gemmNT(B, H, 2 * H, dpre, g0, GH, UT, 0, GH, dhRec, 0, H, false);
    if (after) gemmNT(B, H, H, dgRec, st, H, UT, 2 * H, GH, dhRec, 0, H, true);
    for (let b = 0; b < B; b++) {
      const gr = g0 + b * GH;
      const prev = st + b * H;
      for (let j = 0; j < H; j++) {
        let d = dh[prev + j] * gates[gr + j];
        if (!after) d += drh[b * H + j] * gates[gr + H + j];
        dhRec[b * H + j] += d;
      }
    }
  }
}

/**
 * ∂L/∂U for the GRU, after Network.backward has put δᵀ in ws.colsWide and h_{t−1}ᵀ in
 * ws.colsNarrow: U_z and U_r act on h_{t−1}; U_g acts on r⊙h_{t−1} (standard) or, with
 * reset-after, on h_{t−1} with the gradient δg_pre⊙r, which also gives ∂L/∂bh_g.
 */
export function gruRecurrentGrads(net: Network, ws: Workspace): void {
  const H = net.spec.hiddenSize;
  const TB = ws.T * ws.B;
  const { colsWide, colsNarrow } = ws;
  const gRows = 2 * H * TB; // where the g block's rows start in colsWide
  gemmNT(2 * H, H, TB, colsWide, 0, TB, colsNarrow, 0, TB, net.U.dw, 0, H, true);
  if (net.spec.resetAfter) {
    transpose(TB, H, ws.dgRec, 0, H, colsWide, gRows);
    gemmNT(H, H, TB, colsWide, gRows, TB, colsNarrow, 0, TB, net.U.dw, 2 * H * H, H, true);
    addRowSums(H, TB, colsWide, gRows, net.bh.dw, 0);
  } else {
    transpose(TB, H, ws.aux, 0, H, colsNarrow);
    gemmNT(H, H, TB, colsWide, gRows, TB, colsNarrow, 0, TB, net.U.dw, 2 * H * H, H, true);
  }
}
