/**
 * The weight conflict, made visible: how much each time step contributes to the gradient of
 * one weight. Every weight is shared by all steps, so its gradient is a sum over them,
 *   ∂L/∂W[j][q] = Σ_t δ_t[j] · x_t[q]         (input weight of unit j from input q; the FNN's
 *                                              column lag·I + q reads x_{t−lag}[q] of its window)
 *   ∂L/∂U[j][m] = Σ_t δ_t[j] · h_{t−1}[m]     (recurrent weight; the GRU's U_g sees r⊙h_{t−1})
 *   ∂L/∂W_y[o][j] = Σ_t ∂L/∂y_t[o] · h_t[j]   (output weight)
 * where δ_t is the gradient of the gate's pre-activation. When some steps pull a weight one
 * way and others the other way, no single value serves them all: that is the conflict.
 */
import { GATE_NAMES, type CellKind } from './spec';

/** What the contributions are read from: one sequence (the probe), as the snapshot carries it. */
export interface StepRecord {
  readonly cell: CellKind;
  readonly resetAfter: boolean;
  readonly T: number;
  readonly H: number;
  readonly I: number;
  readonly O: number;
  readonly G: number;
  /** x_t: [T][I]. */
  readonly x: ArrayLike<number>;
  /** h_t: [T][H] (h_1 … h_T). */
  readonly h: ArrayLike<number>;
  /** Gate values: [T][G·H]. */
  readonly gates: ArrayLike<number>;
  /** ∂L/∂(gate pre-activation): [T][G·H]. */
  readonly dpre: ArrayLike<number>;
  /** ∂L/∂y_t: [T][O]. */
  readonly dy: ArrayLike<number>;
}

/** One weight: of gate block `block` (0 for the RNN and FNN), unit j, and its other index. */
export type WeightRef =
  /** `input`: the column of W (0..I−1; the FNN's 0..k·I−1, its window newest first). */
  | { readonly kind: 'input'; readonly block: number; readonly unit: number; readonly input: number }
  | { readonly kind: 'recurrent'; readonly block: number; readonly unit: number; readonly from: number }
  | { readonly kind: 'output'; readonly output: number; readonly unit: number };

/** The contribution of each step t = 1..T to ∂L/∂w: out[t − 1]. */
export function gradientByStep(s: StepRecord, w: WeightRef, out: Float64Array = new Float64Array(s.T)): Float64Array {
  const { T, H, I, O, G } = s;
  const hPrev = (t: number, m: number): number => (t > 1 ? s.h[(t - 2) * H + m]! : 0); // h_{t−1}, h_0 = 0
  for (let t = 1; t <= T; t++) {
    const row = (t - 1) * G * H;
    let v: number;
    if (w.kind === 'output') {
      v = s.dy[(t - 1) * O + w.output]! * s.h[(t - 1) * H + w.unit]!;
    } else {
      const delta = s.dpre[row + w.block * H + w.unit]!;
      if (w.kind === 'input') {
        const lag = Math.floor(w.input / I); // 0 but in the FNN's window
        v = t - lag >= 1 ? delta * s.x[(t - 1 - lag) * I + (w.input % I)]! : 0;
      }
      else if (s.cell === 'gru' && w.block === 2) {
        // The candidate's recurrent weight acts on r⊙h_{t−1} (standard), or on h_{t−1} inside r⊙(…) (reset-after).
        const r = (m: number) => s.gates[row + H + m]!;
        v = s.resetAfter ? delta * r(w.unit) * hPrev(t, w.from) : delta * r(w.from) * hPrev(t, w.from);
      } else v = delta * hPrev(t, w.from);
    }
    out[t - 1] = v;
  }
  return out;
}

/** Which gate blocks have weights to pick (the RNN's and FNN's single neuron is block 0, "h"). */
export function weightBlocks(cell: CellKind): readonly string[] {
  const names: readonly string[] = GATE_NAMES[cell];
  return names.length > 0 ? names : ['h'];
}

/** P, N: the sums of the positive and of the negative contributions (N as a magnitude), and min/max. */
export function pullBothWays(contributions: ArrayLike<number>): { positive: number; negative: number; balance: number } {
  let positive = 0;
  let negative = 0;
  for (let k = 0; k < contributions.length; k++) {
    const v = contributions[k]!;
    if (v > 0) positive += v;
    else negative -= v;
  }
  const max = Math.max(positive, negative);
  return { positive, negative, balance: max > 0 ? Math.min(positive, negative) / max : 0 };
}
