/**
 * The feed-forward network (FNN) with a window of k steps: it has no loop and no memory, so
 * to see a sequence it is fed the current input and the k − 1 before it, concatenated:
 *   u_t = [x_t; x_{t−1}; …; x_{t−k+1}]   (zeros before step 1)
 *   h_t = tanh(W u_t + b)
 * Its single block holds h_t, as the RNN's does. ws.gates already holds W u_t + b on entry.
 */
import { tanhRow } from './fastmath';
import { byteAddress as at } from './wasm/simd';
import type { Network } from './network';
import type { Workspace } from './workspace';

/** u_t for every step: ws.window ← the windows of ws.x (k blocks of I, newest first). */
export function fnnWindows(net: Network, ws: Workspace): void {
  const { inputSize: I } = net.spec;
  const k = net.spec.window ?? 1;
  const { T, B, x, window } = ws;
  const KI = k * I;
  for (let s = 0; s < T; s++) {
    for (let b = 0; b < B; b++) {
      const out = (s * B + b) * KI;
      for (let lag = 0; lag < k; lag++) {
        const from = s - lag; // slot of x_{t−lag}
        const at = out + lag * I;
        if (from < 0) window.fill(0, at, at + I);
        else for (let q = 0; q < I; q++) window[at + q] = x[(from * B + b) * I + q]!;
      }
    }
  }
}

/** Steps s0..s1−1 of the forward pass: h_t = tanh(W u_t + b). */
export function fnnForward(net: Network, ws: Workspace, s0: number, s1: number): void {
  const H = net.spec.hiddenSize;
  const { B, gates, h, simd } = ws;
  const f32 = net.dtype === 'f32';
  for (let s = s0; s < s1; s++) {
    const row = s * B * H;
    if (simd) {
      simd.k.tanh_state(at(gates, row), at(h, row + B * H), B * H); // the same in WASM SIMD (wasm/assembly/rnn.ts)
      continue;
    }
    tanhRow(gates, row, gates, row, B * H, f32);
    for (let k = 0; k < B * H; k++) h[row + B * H + k] = gates[row + k];
  }
}

/** Steps s1−1 down to s0 of the backward pass: nothing flows between steps, δ_t = ∂L/∂h_t ⊙ (1 − h_t²). */
export function fnnBackward(ws: Workspace, H: number, s1: number, s0: number): void {
  const { B, gates, dh, dpre, simd } = ws;
  for (let s = s1 - 1; s >= s0; s--) {
    const row = s * B * H;
    if (simd) simd.k.tanh_state_backward(at(gates, row), at(dh, row), 0, at(dpre, row), B * H, 0);
    for (let k = 0; simd === null && k < B * H; k++) {
      const v = gates[row + k];
      dpre[row + k] = dh[row + k] * (1 - v * v);
    }
  }
}
