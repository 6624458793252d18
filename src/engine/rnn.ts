/**
 * The vanilla RNN cell: h_t = tanh(W x_t + U h_{t−1} + b).
 * Its single gate block holds h_t itself. ws.gates already holds W x_t + b on entry.
 */
import { gemmNT } from './kernels';
import type { Network } from './network';
import type { Workspace } from './workspace';

export function rnnForward(net: Network, ws: Workspace): void {
  const H = net.spec.hiddenSize;
  const { T, B, gates, h } = ws;
  const U = net.U.w;
  for (let s = 0; s < T; s++) {
    if (s > 0) gemmNT(B, H, H, h, s * B * H, H, U, 0, H, gates, s * B * H, H, true); // h_0 = 0 adds nothing
    const row = s * B * H;
    const next = row + B * H;
    for (let k = 0; k < B * H; k++) {
      const v = Math.tanh(gates[row + k]);
      gates[row + k] = v;
      h[next + k] = v;
    }
  }
}

export function rnnBackward(net: Network, ws: Workspace): void {
  const H = net.spec.hiddenSize;
  const { T, B, gates, dh, dpre, dhRec, UT } = ws;
  dhRec.fill(0);
  for (let s = T - 1; s >= 0; s--) {
    const row = s * B * H;
    for (let k = 0; k < B * H; k++) {
      const dhT = dh[row + k] + dhRec[k];
      dh[row + k] = dhT;
      const v = gates[row + k];
      dpre[row + k] = dhT * (1 - v * v);
    }
    if (s > 0) gemmNT(B, H, H, dpre, row, H, UT, 0, H, dhRec, 0, H, false);
  }
}
