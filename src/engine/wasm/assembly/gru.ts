// The GRU's gate code for one time step of the whole batch, float32, four units at a time, in
// three parts around the products it needs between them; src/engine/gru.ts is the reference.
// Pointers are byte offsets at row b = 0 of this step; gates rows hold [z r g], 3H each.
import { ld, sigmoidv, storeN, tanhv } from './math';

/**
 * After gates += U_zr h_{t−1}: z and r become gate values. Reset-after (after ≠ 0): aux holds
 * U_g h_{t−1} and becomes U_g h_{t−1} + bh_g, and r⊙aux joins g's pre-activation; standard:
 * aux ← r⊙h_{t−1}, the operand of U_g.
 */
export function gru_forward_zr(gates: usize, hPrev: usize, aux: usize, bh: usize, B: i32, H: i32, after: i32): void {
  const row = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const gi = gates + <usize>b * 3 * row;
    const unit = <usize>b * row;
    for (let j = 0; j < H; j += 4) {
      const n = H - j;
      const o = <usize>j << 2;
      const z = sigmoidv(ld(gi + o));
      const r = sigmoidv(ld(gi + row + o));
      storeN(gi + o, z, n);
      storeN(gi + row + o, r, n);
      if (after) {
        const uh = f32x4.add(ld(aux + unit + o), ld(bh + o)); // U_g h_{t−1} + bh_g
        storeN(aux + unit + o, uh, n);
        storeN(gi + 2 * row + o, f32x4.add(ld(gi + 2 * row + o), f32x4.mul(r, uh)), n);
      } else {
        storeN(aux + unit + o, f32x4.mul(r, ld(hPrev + unit + o)), n); // r⊙h_{t−1}
      }
    }
  }
}

/** g ← tanh(its pre-activation), and h_t = z⊙h_{t−1} + (1−z)⊙g. */
export function gru_forward_h(gates: usize, hPrev: usize, hNext: usize, B: i32, H: i32): void {
  const row = <usize>H << 2;
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const gi = gates + <usize>b * 3 * row;
    const unit = <usize>b * row;
    for (let j = 0; j < H; j += 4) {
      const n = H - j;
      const o = <usize>j << 2;
      const z = ld(gi + o);
      const g = tanhv(ld(gi + 2 * row + o));
      storeN(gi + 2 * row + o, g, n);
      storeN(hNext + unit + o, f32x4.add(f32x4.mul(z, ld(hPrev + unit + o)), f32x4.mul(f32x4.sub(one, z), g)), n);
    }
  }
}

/**
 * Backward, first part: dh becomes the total δh_t (adding dhRec, from step t+1); δz_pre and δg_pre
 * go to dpre; reset-after also gives δr_pre and dgRec = δg_pre⊙r.
 */
export function gru_backward_gates(
  gates: usize, hPrev: usize, aux: usize, dh: usize, dhRec: usize, dpre: usize, dgRec: usize,
  B: i32, H: i32, after: i32,
): void {
  const row = <usize>H << 2;
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const gr = gates + <usize>b * 3 * row;
    const dr = dpre + <usize>b * 3 * row;
    const unit = <usize>b * row;
    for (let j = 0; j < H; j += 4) {
      const n = H - j;
      const o = <usize>j << 2;
      const z = ld(gr + o);
      const r = ld(gr + row + o);
      const g = ld(gr + 2 * row + o);
      const dhT = f32x4.add(ld(dh + unit + o), ld(dhRec + unit + o));
      storeN(dh + unit + o, dhT, n);
      const gPreGrad = f32x4.mul(f32x4.mul(dhT, f32x4.sub(one, z)), f32x4.sub(one, f32x4.mul(g, g)));
      const zPreGrad = f32x4.mul(f32x4.mul(f32x4.mul(dhT, f32x4.sub(ld(hPrev + unit + o), g)), z), f32x4.sub(one, z));
      storeN(dr + o, zPreGrad, n);
      storeN(dr + 2 * row + o, gPreGrad, n);
      if (after) {
        storeN(dgRec + unit + o, f32x4.mul(gPreGrad, r), n);
        storeN(dr + row + o, f32x4.mul(f32x4.mul(f32x4.mul(gPreGrad, ld(aux + unit + o)), r), f32x4.sub(one, r)), n);
      }
    }
  }
}

/** Standard GRU, given drh = δ(r⊙h_{t−1}) = δg_pre U_g: δr_pre = drh⊙h_{t−1}⊙r(1−r). */
export function gru_backward_r(gates: usize, hPrev: usize, drh: usize, dpre: usize, B: i32, H: i32): void {
  const row = <usize>H << 2;
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const gr = gates + <usize>b * 3 * row;
    const unit = <usize>b * row;
    for (let j = 0; j < H; j += 4) {
      const o = <usize>j << 2;
      const r = ld(gr + row + o);
      const v = f32x4.mul(f32x4.mul(f32x4.mul(ld(drh + unit + o), ld(hPrev + unit + o)), r), f32x4.sub(one, r));
      storeN(dpre + <usize>b * 3 * row + row + o, v, H - j);
    }
  }
}

/** After dhRec = δ U (the products): dhRec += δh_t⊙z, plus δ(r⊙h)⊙r in the standard GRU. */
export function gru_backward_direct(gates: usize, dh: usize, drh: usize, dhRec: usize, B: i32, H: i32, after: i32): void {
  const row = <usize>H << 2;
  for (let b = 0; b < B; b++) {
    const gr = gates + <usize>b * 3 * row;
    const unit = <usize>b * row;
    for (let j = 0; j < H; j += 4) {
      const o = <usize>j << 2;
      let d = f32x4.mul(ld(dh + unit + o), ld(gr + o));
      if (!after) d = f32x4.add(d, f32x4.mul(ld(drh + unit + o), ld(gr + row + o)));
      storeN(dhRec + unit + o, f32x4.add(ld(dhRec + unit + o), d), H - j);
    }
  }
}
