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
import { sigmoidRow, tanhRow } from './fastmath';
import { clampRow } from './interventions';
import { byteAddress as at } from './wasm/simd';
import type { Network } from './network';
import type { Workspace } from './workspace';

/** Steps s0..s1−1 (0-based slots; step t = s + 1) of the forward pass. */
export function gruForward(net: Network, ws: Workspace, s0: number, s1: number): void {
  const H = net.spec.hiddenSize;
  const GH = 3 * H;
  const { B, gates, h, aux, UT, kernels } = ws;
  const U = net.U.w;
  const bh = net.bh.w;
  const after = net.spec.resetAfter;
  const f32 = net.dtype === 'f32';
  // With an intervention on (interventions.ts), the JS gate code runs (on the same buffers).
  const { active: on, clamped, value, ablated } = net.interventions;
  const simd = on ? null : ws.simd;
  for (let s = s0; s < s1; s++) {
    const g0 = s * B * GH;
    const st = s * B * H;
    // z, r pre-activations += U_zr h_{t−1}; reset-after also needs aux = U_g h_{t−1}. (h_0 = 0.)
    if (s > 0) kernels.timesUT(B, 2 * H, H, h, st, H, U, UT, 0, GH, gates, g0, GH, true);
    if (after) {
      if (s > 0) kernels.timesUT(B, H, H, h, st, H, U, UT, 2 * H, GH, aux, st, H, false);
      else aux.fill(0, st, st + B * H);
    }
    // The same gate code in WASM SIMD (wasm/assembly/gru.ts), in two parts around U_g's product.
    if (simd) simd.k.gru_forward_zr(at(gates, g0), at(h, st), at(aux, st), at(bh, 0), B, H, after ? 1 : 0);
    for (let b = 0; simd === null && b < B; b++) {
      const gi = g0 + b * GH; // this step's row: z at gi, r at gi + H, g at gi + 2H
      const prev = st + b * H;
      sigmoidRow(gates, gi, 2 * H, f32); // z, r
      if (on) {
        clampRow(gates, gi, 0, H, clamped, value); // z held by a clamp
        clampRow(gates, gi + H, 1, H, clamped, value); // r
      }
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
    if (!after && s > 0) kernels.timesUT(B, H, H, aux, st, H, U, UT, 2 * H, GH, gates, g0 + 2 * H, GH, true);
    if (simd) simd.k.gru_forward_h(at(gates, g0), at(h, st), at(h, st + B * H), B, H);
    for (let b = 0; simd === null && b < B; b++) {
      const gi = g0 + b * GH;
      const prev = st + b * H;
      const next = prev + B * H;
      tanhRow(gates, gi + 2 * H, gates, gi + 2 * H, H, f32); // g
      if (on) clampRow(gates, gi + 2 * H, 2, H, clamped, value);
      for (let j = 0; j < H; j++) {
        const z = gates[gi + j];
        h[next + j] = z * h[prev + j] + (1 - z) * gates[gi + 2 * H + j]; // h_t = z⊙h_{t−1} + (1−z)⊙g
      }
      if (on) for (let j = 0; j < H; j++) if (ablated[j] === 1) h[next + j] = 0; // an ablated unit: h_t = 0
    }
  }
}

/**
 * Steps s1−1 down to s0 of the backward pass (0-based slots). Starting at the last step clears
 * what flows back from beyond it; a later call continues from where this one stopped.
 */
export function gruBackward(net: Network, ws: Workspace, s1: number, s0: number): void {
  const H = net.spec.hiddenSize;
  const GH = 3 * H;
  const { T, B, gates, h, aux, dh, dpre, dgRec, dhRec, drh, UT, kernels } = ws;
  const after = net.spec.resetAfter;
  const { active: on, clamped, ablated } = net.interventions;
  const simd = on ? null : ws.simd;
  if (s1 === T) dhRec.fill(0);
  for (let s = s1 - 1; s >= s0; s--) {
    const g0 = s * B * GH;
    const st = s * B * H;
    // The same gate code in WASM SIMD (wasm/assembly/gru.ts), in three parts around the products.
    if (simd) simd.k.gru_backward_gates(at(gates, g0), at(h, st), at(aux, st), at(dh, st), at(dhRec, 0), at(dpre, g0), at(dgRec, after ? st : 0), B, H, after ? 1 : 0);
    for (let b = 0; simd === null && b < B; b++) {
      const gr = g0 + b * GH;
      const prev = st + b * H;
      const rb = b * H;
      for (let j = 0; j < H; j++) {
        const z = gates[gr + j];
        const r = gates[gr + H + j];
        const g = gates[gr + 2 * H + j];
        const dhT = dh[prev + j] + dhRec[rb + j];
        dh[prev + j] = dhT;
        // An ablated unit's h_t depends on nothing; a clamped gate is a constant.
        const dIn = on && ablated[j] === 1 ? 0 : dhT;
        const gPreGrad = on && clamped[2 * H + j] === 1 ? 0 : dIn * (1 - z) * (1 - g * g);
        dpre[gr + j] = on && clamped[j] === 1 ? 0 : dIn * (h[prev + j] - g) * z * (1 - z);
        dpre[gr + 2 * H + j] = gPreGrad;
        if (after) {
          const uh = aux[prev + j];
          dgRec[prev + j] = gPreGrad * r;
          dpre[gr + H + j] = on && clamped[H + j] === 1 ? 0 : gPreGrad * uh * r * (1 - r);
        }
      }
    }
    if (!after) {
      // δ(r⊙h_{t−1}) = δg_pre U_g, then δr_pre = δ(r⊙h)⊙h_{t−1}⊙r(1−r).
      kernels.timesU(B, H, H, dpre, g0 + 2 * H, GH, net.U.w, UT, 2 * H, GH, drh, 0, H, false);
      if (simd) simd.k.gru_backward_r(at(gates, g0), at(h, st), at(drh, 0), at(dpre, g0), B, H);
      for (let b = 0; simd === null && b < B; b++) {
        const gr = g0 + b * GH;
        const prev = st + b * H;
        for (let j = 0; j < H; j++) {
          const r = gates[gr + H + j];
          dpre[gr + H + j] = on && clamped[H + j] === 1 ? 0 : drh[b * H + j] * h[prev + j] * r * (1 - r);
        }
      }
    }
    if (s === 0) continue;
    // δh_{t−1} from step t: through U_z, U_r (and U_g), directly through z, and through r⊙h.
    kernels.timesU(B, H, 2 * H, dpre, g0, GH, net.U.w, UT, 0, GH, dhRec, 0, H, false);
    if (after) kernels.timesU(B, H, H, dgRec, st, H, net.U.w, UT, 2 * H, GH, dhRec, 0, H, true);
    if (simd) simd.k.gru_backward_direct(at(gates, g0), at(dh, st), at(drh, 0), at(dhRec, 0), B, H, after ? 1 : 0);
    for (let b = 0; simd === null && b < B; b++) {
      const gr = g0 + b * GH;
      const prev = st + b * H;
      for (let j = 0; j < H; j++) {
        // Directly through z⊙h_{t−1} (not from an ablated h_t), and through r⊙h_{t−1} into the g of every unit.
        let d = on && ablated[j] === 1 ? 0 : dh[prev + j] * gates[gr + j];
        if (!after) d += drh[b * H + j] * gates[gr + H + j];
        dhRec[b * H + j] += d;
      }
    }
  }
}

/**
 * Rows m0..m1−1 of ∂L/∂U for the GRU, after Network.prepareWeightGrads has put δᵀ in
 * ws.colsWide (and, for kernels that read them transposed, h_{t−1}ᵀ in ws.colsNarrow and
 * (r⊙h_{t−1})ᵀ in ws.colsAux): U_z and U_r act on h_{t−1}; U_g acts on r⊙h_{t−1} (standard,
 * ws.aux) or, with reset-after, on h_{t−1} with the gradient δg_pre⊙r (in colsWide's g rows).
 */
export function gruRecurrentGradRows(net: Network, ws: Workspace, m0: number, m1: number): void {
  const H = net.spec.hiddenSize;
  const TB = ws.T * ws.B;
  const split = Math.min(Math.max(2 * H, m0), m1); // rows below act on h_{t−1}, rows from 2H on the g block
  if (split > m0) ws.kernels.sumOverSteps(split - m0, H, TB, ws.colsWide, m0 * TB, ws.h, ws.colsNarrow, 0, net.U.dw, m0 * H, true);
  if (m1 > split) {
    const after = net.spec.resetAfter;
    ws.kernels.sumOverSteps(m1 - split, H, TB, ws.colsWide, split * TB, after ? ws.h : ws.aux, after ? ws.colsNarrow : ws.colsAux, 0, net.U.dw, split * H, true);
  }
}

/** The GRU's operands for its g rows: r⊙h_{t−1} transposed, or (reset-after) δg_pre⊙r in colsWide, and ∂L/∂bh_g. */
export function gruPrepareGrads(net: Network, ws: Workspace): void {
  const H = net.spec.hiddenSize;
  const TB = ws.T * ws.B;
  if (net.spec.resetAfter) {
    ws.kernels.transpose(TB, H, ws.dgRec, 0, H, ws.colsWide, 2 * H * TB);
    ws.kernels.addRowSums(H, TB, ws.colsWide, 2 * H * TB, net.bh.dw, 0);
  } else if (ws.kernels.readsTransposed) {
    ws.kernels.transpose(TB, H, ws.aux, 0, H, ws.colsAux);
  }
}
