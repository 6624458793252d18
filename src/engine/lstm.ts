/**
 * The LSTM cell, forward and backward through time, with optional peepholes:
 *   i = σ(W_i x + U_i h_{t−1} + p_i⊙c_{t−1} + b_i)
 *   f = σ(W_f x + U_f h_{t−1} + p_f⊙c_{t−1} + b_f)
 *   g = tanh(W_g x + U_g h_{t−1} + b_g)
 *   c_t = f⊙c_{t−1} + i⊙g
 *   o = σ(W_o x + U_o h_{t−1} + p_o⊙c_t + b_o)
 *   h_t = o⊙tanh(c_t)
 * Gate blocks sit in the order i f g o. ws.gates already holds W x_t + b on entry.
 * With forgetFixed (the 1997 LSTM) there is no forget gate: f = 1 and c_t = c_{t−1} + i⊙g.
 * One change of Greff et al. (2017) may apply (spec.change): NIG i = 1, NOG o = 1, NIAF g linear,
 * NOAF h = o⊙c, CIFG f = 1 − i, FGR i f o also fed R·[i f o]_{t−1} (lstmGateRecurrence.ts). A gate
 * taken out holds 1 and passes no gradient to its weights, which keep their values.
 */
import { sigmoidRow, tanhRow } from './fastmath';
import { clampRow } from './interventions';
import { byteAddress as at } from './wasm/simd';
import { gateRecurrenceBackward, gateRecurrenceForward } from './lstmGateRecurrence';
import type { LstmChange } from './spec';
import type { Network } from './network';
import type { Workspace } from './workspace';

/** The change's number in the WASM gate code (wasm/assembly/lstm.ts). */
const CHANGE_CODE: Record<LstmChange, number> = { NIG: 1, NOG: 2, NIAF: 3, NOAF: 4, CIFG: 5, FGR: 6 };

/** Steps s0..s1−1 (0-based slots; step t = s + 1) of the forward pass. */
export function lstmForward(net: Network, ws: Workspace, s0: number, s1: number): void {
  const H = net.spec.hiddenSize;
  const GH = 4 * H;
  const { B, gates, h, c, tc, UT, kernels } = ws;
  const U = net.U.w;
  const p = net.P.w;
  const { peephole: peep, change } = net.spec;
  const fixed = net.spec.forgetFixed === true;
  const f32 = net.dtype === 'f32';
  // With an intervention on, the JS gate code runs (on the same buffers).
  const { active: on, clamped, value, ablated } = net.interventions;
  const simd = on ? null : ws.simd;
  for (let s = s0; s < s1; s++) {
    // One product for all four gates and the whole batch: gates_t += U h_{t−1} (h_0 = 0 adds nothing).
    if (s > 0) kernels.timesUT(B, GH, H, h, s * B * H, H, U, UT, 0, GH, gates, s * B * GH, GH, true);
    if (s > 0 && change === 'FGR') gateRecurrenceForward(net, ws, s); // + R·[i f o]_{t−1}
    if (simd) {
      // The same gate code for the whole batch in WASM SIMD (wasm/assembly/lstm.ts).
      const st = s * B * H;
      simd.k.lstm_forward(at(gates, s * B * GH), at(c, st), at(c, st + B * H), at(tc, st), at(h, st + B * H), at(p, 0), B, H, peep ? 1 : 0, fixed ? 1 : 0, change ? CHANGE_CODE[change] : 0);
      continue;
    }
    for (let b = 0; b < B; b++) {
      const gi = (s * B + b) * GH; // this step's row: i at gi, f at gi + H, g at gi + 2H, o at gi + 3H
      const prev = (s * B + b) * H; // h_{t−1}, c_{t−1} (slot t−1); also tanh(c_t) in tc
      const next = prev + B * H; // h_t, c_t (slot t)
      if (peep) {
        for (let j = 0; j < H; j++) {
          gates[gi + j] += p[j] * c[prev + j]; // p_i⊙c_{t−1}
          gates[gi + H + j] += p[H + j] * c[prev + j]; // p_f⊙c_{t−1}
        }
      }
      sigmoidRow(gates, gi, 2 * H, f32); // i, f
      if (change === 'NIG') gates.fill(1, gi, gi + H); // no input gate: i = 1
      if (on) clampRow(gates, gi, 0, H, clamped, value); // i held by a clamp
      if (fixed) gates.fill(1, gi + H, gi + 2 * H); // the 1997 LSTM: f = 1
      else if (change === 'CIFG') for (let j = 0; j < H; j++) gates[gi + H + j] = 1 - gates[gi + j]; // f = 1 − i
      if (change !== 'NIAF') tanhRow(gates, gi + 2 * H, gates, gi + 2 * H, H, f32); // g (linear without its activation)
      if (on) {
        clampRow(gates, gi + H, 1, H, clamped, value); // f
        clampRow(gates, gi + 2 * H, 2, H, clamped, value); // g
      }
      for (let j = 0; j < H; j++) {
        c[next + j] = gates[gi + H + j] * c[prev + j] + gates[gi + j] * gates[gi + 2 * H + j]; // c_t = f⊙c_{t−1} + i⊙g
      }
      if (on) for (let j = 0; j < H; j++) if (ablated[j] === 1) c[next + j] = 0; // an ablated unit: c_t = 0, so h_t = 0
      if (peep) for (let j = 0; j < H; j++) gates[gi + 3 * H + j] += p[2 * H + j] * c[next + j]; // p_o⊙c_t
      if (change === 'NOG') gates.fill(1, gi + 3 * H, gi + 4 * H); // no output gate: o = 1
      else sigmoidRow(gates, gi + 3 * H, H, f32); // o
      if (on) clampRow(gates, gi + 3 * H, 3, H, clamped, value);
      if (change === 'NOAF') for (let j = 0; j < H; j++) tc[prev + j] = c[next + j]; // no output activation: c_t itself
      else tanhRow(c, next, tc, prev, H, f32); // tanh(c_t)
      for (let j = 0; j < H; j++) h[next + j] = gates[gi + 3 * H + j] * tc[prev + j]; // h_t = o⊙tanh(c_t)
    }
  }
}

/**
 * Steps s1−1 down to s0 of the backward pass (0-based slots). Starting at the last step clears
 * what flows back from beyond it; a later call continues from where this one stopped.
 */
export function lstmBackward(net: Network, ws: Workspace, s1: number, s0: number): void {
  const H = net.spec.hiddenSize;
  const GH = 4 * H;
  const { T, B, gates, c, tc, dh, dc, dpre, dhRec, dcRec, dgateRec: dgr, UT, kernels } = ws;
  const { active: on, clamped, ablated } = net.interventions;
  const simd = on ? null : ws.simd;
  const p = net.P.w;
  const dp = net.P.dw;
  const { peephole: peep, change } = net.spec;
  const fixed = net.spec.forgetFixed === true;
  const fgr = change === 'FGR';
  const noInput = change === 'NIG';
  const noOutput = change === 'NOG';
  const linearG = change === 'NIAF';
  const linearOut = change === 'NOAF';
  const coupled = change === 'CIFG';
  if (s1 === T) {
    dhRec.fill(0);
    dcRec.fill(0);
    dgr.fill(0);
  }
  for (let s = s1 - 1; s >= s0; s--) {
    if (simd) {
      // The same gate code for the whole batch in WASM SIMD (wasm/assembly/lstm.ts).
      const st = s * B * H;
      simd.k.lstm_backward(
        at(gates, s * B * GH), at(c, st), at(c, st + B * H), at(tc, st), at(dh, st), at(dc, st), at(dpre, s * B * GH),
        at(dhRec, 0), at(dcRec, 0), at(dgr, 0), at(p, 0), at(dp, 0), B, H, peep ? 1 : 0, fixed ? 1 : 0, change ? CHANGE_CODE[change] : 0,
      );
    }
    for (let b = 0; simd === null && b < B; b++) {
      const gr = (s * B + b) * GH;
      const prev = (s * B + b) * H;
      const next = prev + B * H;
      const rb = b * H;
      const rg = b * 3 * H; // this sequence's row of dgateRec: [i f o]
      for (let j = 0; j < H; j++) {
        const i = gates[gr + j];
        const f = gates[gr + H + j];
        const g = gates[gr + 2 * H + j];
        const o = gates[gr + 3 * H + j];
        const cPrev = c[prev + j];
        const tanhC = tc[prev + j];
        // What reaches the gate values i_t, f_t, o_t from step t+1 through R (FGR).
        const ri = fgr ? dgr[rg + j] : 0;
        const rf = fgr ? dgr[rg + H + j] : 0;
        const ro = fgr ? dgr[rg + 2 * H + j] : 0;
        // δh_t: from y_t (already in dh) plus from step t+1.
        const dhT = dh[prev + j] + dhRec[rb + j];
        dh[prev + j] = dhT;
        // A clamped gate is a constant (no gradient into it); an ablated unit's c_t depends on nothing.
        const ci = on && clamped[j] === 1;
        const cf = on && clamped[H + j] === 1;
        const cg = on && clamped[2 * H + j] === 1;
        const co = on && clamped[3 * H + j] === 1;
        const ab = on && ablated[j] === 1;
        const oPreGrad = noOutput || co ? 0 : (dhT * tanhC + ro) * o * (1 - o);
        // δc_t = δh_t·o·(1 − tanh²c_t) + what flows back from t+1 (and through the o peephole).
        let dcT = dhT * o * (linearOut ? 1 : 1 - tanhC * tanhC) + dcRec[rb + j];
        if (peep) dcT += oPreGrad * p[2 * H + j];
        dc[prev + j] = dcT;
        // CIFG: i also sets f = 1 − i (unless f is clamped), so ∂c_t/∂i = g − c_{t−1}.
        const viaC = ab ? 0 : dcT;
        const iPreGrad = noInput || ci ? 0 : (viaC * (coupled && !cf ? g - cPrev : g) + ri) * i * (1 - i);
        const fPreGrad = fixed || coupled || cf ? 0 : (viaC * cPrev + rf) * f * (1 - f);
        const gPreGrad = cg ? 0 : viaC * i * (linearG ? 1 : 1 - g * g);
        dpre[gr + j] = iPreGrad;
        dpre[gr + H + j] = fPreGrad;
        dpre[gr + 2 * H + j] = gPreGrad;
        dpre[gr + 3 * H + j] = oPreGrad;
        // δc_{t−1} through the forget gate (the carousel) and through the i, f peepholes.
        let dcBack = viaC * f;
        if (peep) {
          dcBack += iPreGrad * p[j] + fPreGrad * p[H + j];
          dp[j] += iPreGrad * cPrev;
          dp[H + j] += fPreGrad * cPrev;
          dp[2 * H + j] += oPreGrad * c[next + j];
        }
        dcRec[rb + j] = dcBack;
      }
    }
    // δh_{t−1} from step t: [δi δf δg δo] U, one product for the batch; and through R (FGR).
    if (s > 0) kernels.timesU(B, H, GH, dpre, s * B * GH, GH, net.U.w, UT, 0, GH, dhRec, 0, H, false);
    if (s > 0 && fgr) gateRecurrenceBackward(net, ws, s);
  }
}
