/**
 * The vanilla RNN cell: h_t = tanh(W x_t + U h_{t−1} + b).
 * Its single gate block holds h_t itself. ws.gates already holds W x_t + b on entry.
 */
import { tanhRow } from './fastmath';
import { byteAddress as at } from './wasm/simd';
import type { Network } from './network';
import type { Workspace } from './workspace';

/** Steps s0..s1−1 (0-based slots; step t = s + 1) of the forward pass. */
export function rnnForward(net: Network, ws: Workspace, s0: number, s1: number): void {
  const H = net.spec.hiddenSize;
  const { B, gates, h, UT, kernels } = ws;
  const U = net.U.w;
  const f32 = net.dtype === 'f32';
  // With an ablation on (interventions.ts), the JS code runs (on the same buffers).
  const { active: on, ablated } = net.interventions;
  const simd = on ? null : ws.simd;
  for (let s = s0; s < s1; s++) {
    const row = s * B * H;
    const next = row + B * H;
    if (s > 0) kernels.timesUT(B, H, H, h, row, H, U, UT, 0, H, gates, row, H, true); // h_0 = 0 adds nothing
    if (simd) {
      simd.k.tanh_state(at(gates, row), at(h, next), B * H); // the same in WASM SIMD (wasm/assembly/rnn.ts)
      continue;
    }
    tanhRow(gates, row, gates, row, B * H, f32);
    if (on) for (let k = 0; k < B * H; k++) if (ablated[k % H] === 1) gates[row + k] = 0; // an ablated unit: h_t = 0
    for (let k = 0; k < B * H; k++) h[next + k] = gates[row + k];
  }
}

/**
 * Steps s1−1 down to s0 of the backward pass (0-based slots). Starting at the last step clears
 * what flows back from beyond it; a later call continues from where this one stopped.
 */
export function rnnBackward(net: Network, ws: Workspace, s1: number, s0: number): void {
  const H = net.spec.hiddenSize;
  const { T, B, gates, dh, dpre, dhRec, UT, kernels } = ws;
  const { active: on, ablated } = net.interventions;
  const simd = on ? null : ws.simd;
  if (s1 === T) dhRec.fill(0);
  for (let s = s1 - 1; s >= s0; s--) {
    const row = s * B * H;
    if (simd) simd.k.tanh_state_backward(at(gates, row), at(dh, row), at(dhRec, 0), at(dpre, row), B * H, 1);
    for (let k = 0; simd === null && k < B * H; k++) {
      const dhT = dh[row + k] + dhRec[k];
      dh[row + k] = dhT;
      const v = gates[row + k];
      dpre[row + k] = on && ablated[k % H] === 1 ? 0 : dhT * (1 - v * v); // an ablated h_t depends on nothing
    }
    if (s > 0) kernels.timesU(B, H, H, dpre, row, H, net.U.w, UT, 0, H, dhRec, 0, H, false);
  }
}
