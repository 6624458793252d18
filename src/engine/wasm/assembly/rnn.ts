// The vanilla RNN's and the FNN's elementwise code, float32, four at a time (src/engine/rnn.ts
// and fnn.ts are the reference): n = B·H values of one time step.
import { ld, storeN, tanhv } from './math';

/** pre (W x_t + b, plus U h_{t−1} in the RNN) ← tanh(pre) = h_t, also copied to hNext. */
export function tanh_state(pre: usize, hNext: usize, n: i32): void {
  for (let k = 0; k < n; k += 4) {
    const o = <usize>k << 2;
    const v = tanhv(ld(pre + o));
    storeN(pre + o, v, n - k);
    storeN(hNext + o, v, n - k);
  }
}

/**
 * δ_t = δh_t ⊙ (1 − h_t²) into dpre, where δh_t = dh + dhRec (what flows back from step t+1),
 * written back to dh; recurrent = 0 (the FNN) adds nothing and leaves dh as it is.
 */
export function tanh_state_backward(h: usize, dh: usize, dhRec: usize, dpre: usize, n: i32, recurrent: i32): void {
  const one = f32x4.splat(1);
  for (let k = 0; k < n; k += 4) {
    const o = <usize>k << 2;
    let d = ld(dh + o);
    if (recurrent) {
      d = f32x4.add(d, ld(dhRec + o));
      storeN(dh + o, d, n - k);
    }
    const v = ld(h + o);
    storeN(dpre + o, f32x4.mul(d, f32x4.sub(one, f32x4.mul(v, v))), n - k);
  }
}
