// The LSTM's gate code for one time step of the whole batch, float32, four units at a time: the
// same equations as src/engine/lstm.ts, which is the reference. Pointers are byte offsets into
// the engine's memory; each points at row b = 0 of its buffer for this step.
import { ld, sigmoidv, storeN, tanhv } from './math';

// Greff et al.'s changes (src/engine/lstm.ts, CHANGE_CODE): 0 none.
const NIG = 1; // i = 1
const NOG = 2; // o = 1
const NIAF = 3; // g linear
const NOAF = 4; // h = o⊙c
const CIFG = 5; // f = 1 − i
const FGR = 6; // i f o also fed R·[i f o]_{t−1} (added to the pre-activations before this kernel)

/**
 * Forward, after gates += U h_{t−1}: gates (B rows of [i f g o] pre-activations, 4H each) become
 * the gate values; c_t, tanh(c_t) (NOAF: c_t) and h_t are written. p = [p_i p_f p_o] (used when
 * peep ≠ 0); fixed ≠ 0 is the 1997 LSTM, f = 1; change is one of the codes above.
 */
export function lstm_forward(
  gates: usize, cPrev: usize, cNext: usize, tc: usize, hNext: usize, p: usize,
  B: i32, H: i32, peep: i32, fixed: i32, change: i32,
): void {
  const row = <usize>H << 2; // bytes in one block of H floats
  const one = f32x4.splat(1);
  for (let b = 0; b < B; b++) {
    const gi = gates + <usize>b * 4 * row;
    const unit = <usize>b * row;
    for (let j = 0; j < H; j += 4) {
      const n = H - j;
      const o = <usize>j << 2;
      const cp = ld(cPrev + unit + o);
      let iPre = ld(gi + o);
      let fPre = ld(gi + row + o);
      let oPre = ld(gi + 3 * row + o);
      if (peep) {
        iPre = f32x4.add(iPre, f32x4.mul(ld(p + o), cp)); // p_i⊙c_{t−1}
        fPre = f32x4.add(fPre, f32x4.mul(ld(p + row + o), cp)); // p_f⊙c_{t−1}
      }
      const i = change == NIG ? one : sigmoidv(iPre);
      const f = fixed ? one : change == CIFG ? f32x4.sub(one, i) : sigmoidv(fPre);
      const gPre = ld(gi + 2 * row + o);
      const g = change == NIAF ? gPre : tanhv(gPre);
      const c = f32x4.add(f32x4.mul(f, cp), f32x4.mul(i, g)); // c_t = f⊙c_{t−1} + i⊙g
      if (peep) oPre = f32x4.add(oPre, f32x4.mul(ld(p + 2 * row + o), c)); // p_o⊙c_t
      const og = change == NOG ? one : sigmoidv(oPre);
      const t = change == NOAF ? c : tanhv(c);
      storeN(gi + o, i, n);
      storeN(gi + row + o, f, n);
      storeN(gi + 2 * row + o, g, n);
      storeN(gi + 3 * row + o, og, n);
      storeN(cNext + unit + o, c, n);
      storeN(tc + unit + o, t, n);
      storeN(hNext + unit + o, f32x4.mul(og, t), n); // h_t = o⊙tanh(c_t)
    }
  }
}

/**
 * Backward through one step: dh (∂L/∂h_t from y_t) becomes the total δh_t, dc gets δc_t, dpre
 * the four pre-activation gradients; dhRec must hold what flows back from step t+1 and dcRec is
 * replaced by δc_{t−1}; dgr (FGR: B rows of 3H) holds what reaches [i f o]_t through R from
 * step t+1; the peephole gradients dp accumulate.
 */
export function lstm_backward(
  gates: usize, cPrev: usize, cNext: usize, tc: usize, dh: usize, dc: usize, dpre: usize,
  dhRec: usize, dcRec: usize, dgr: usize, p: usize, dp: usize, B: i32, H: i32, peep: i32, fixed: i32, change: i32,
): void {
  const row = <usize>H << 2;
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  for (let b = 0; b < B; b++) {
    const gr = gates + <usize>b * 4 * row;
    const dr = dpre + <usize>b * 4 * row;
    const rg = dgr + <usize>b * 3 * row;
    const unit = <usize>b * row;
    for (let j = 0; j < H; j += 4) {
      const n = H - j;
      const o = <usize>j << 2;
      const i = ld(gr + o);
      const f = ld(gr + row + o);
      const g = ld(gr + 2 * row + o);
      const og = ld(gr + 3 * row + o);
      const cp = ld(cPrev + unit + o);
      const t = ld(tc + unit + o);
      // What reaches the gate values from step t+1 through R (FGR).
      const ri = change == FGR ? ld(rg + o) : zero;
      const rf = change == FGR ? ld(rg + row + o) : zero;
      const ro = change == FGR ? ld(rg + 2 * row + o) : zero;
      // δh_t: from y_t plus from step t+1.
      const dhT = f32x4.add(ld(dh + unit + o), ld(dhRec + unit + o));
      storeN(dh + unit + o, dhT, n);
      const oPreGrad = change == NOG ? zero : f32x4.mul(f32x4.mul(f32x4.add(f32x4.mul(dhT, t), ro), og), f32x4.sub(one, og));
      // δc_t = δh_t·o·(1 − tanh²c_t) + what flows back from t+1 (and through the o peephole).
      const slope = change == NOAF ? one : f32x4.sub(one, f32x4.mul(t, t));
      let dcT = f32x4.add(f32x4.mul(f32x4.mul(dhT, og), slope), ld(dcRec + unit + o));
      if (peep) dcT = f32x4.add(dcT, f32x4.mul(oPreGrad, ld(p + 2 * row + o)));
      storeN(dc + unit + o, dcT, n);
      // CIFG: i also sets f = 1 − i, so ∂c_t/∂i = g − c_{t−1}.
      const di = f32x4.add(f32x4.mul(dcT, change == CIFG ? f32x4.sub(g, cp) : g), ri);
      const iPreGrad = change == NIG ? zero : f32x4.mul(f32x4.mul(di, i), f32x4.sub(one, i));
      const fPreGrad = fixed || change == CIFG ? zero : f32x4.mul(f32x4.mul(f32x4.add(f32x4.mul(dcT, cp), rf), f), f32x4.sub(one, f));
      const gPreGrad = f32x4.mul(f32x4.mul(dcT, i), change == NIAF ? one : f32x4.sub(one, f32x4.mul(g, g)));
      storeN(dr + o, iPreGrad, n);
      storeN(dr + row + o, fPreGrad, n);
      storeN(dr + 2 * row + o, gPreGrad, n);
      storeN(dr + 3 * row + o, oPreGrad, n);
      // δc_{t−1} through the forget gate (the carousel) and through the i, f peepholes.
      let dcBack = f32x4.mul(dcT, f);
      if (peep) {
        dcBack = f32x4.add(dcBack, f32x4.add(f32x4.mul(iPreGrad, ld(p + o)), f32x4.mul(fPreGrad, ld(p + row + o))));
        storeN(dp + o, f32x4.add(ld(dp + o), f32x4.mul(iPreGrad, cp)), n);
        storeN(dp + row + o, f32x4.add(ld(dp + row + o), f32x4.mul(fPreGrad, cp)), n);
        storeN(dp + 2 * row + o, f32x4.add(ld(dp + 2 * row + o), f32x4.mul(oPreGrad, ld(cNext + unit + o))), n);
      }
      storeN(dcRec + unit + o, dcBack, n);
    }
  }
}
