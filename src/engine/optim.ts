/**
 * Optimisers over a network's active parameters: SGD with momentum, and Adam.
 * Both first rescale the gradients so that their global L2 norm is at most `clip`.
 * State buffers are allocated once, per parameter, when the optimiser is made.
 */
import type { Param, FloatArray } from './tensor';
import type { Network } from './network';
import { byteAddress as at, type SimdKernels } from './wasm/simd';

export type OptimizerKind = 'sgd' | 'adam';

export interface OptimizerOptions {
  readonly kind: OptimizerKind;
  /** Learning rate η. */
  readonly lr: number;
  /** SGD momentum μ (0 for plain SGD). */
  readonly momentum: number;
  /** Largest global gradient norm; 0 or Infinity turns clipping off. */
  readonly clip: number;
  /** Adam's decay rates and ε. */
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
}

export const DEFAULT_OPTIMIZER: OptimizerOptions = {
  kind: 'adam', lr: 0.01, momentum: 0.9, clip: 1, beta1: 0.9, beta2: 0.999, eps: 1e-8,
};

/** Per-parameter optimiser state. */
interface Slot {
  /** SGD: velocity v; Adam: first moment m. */
  readonly m: FloatArray;
  /** Adam: second moment v (unused by SGD). */
  readonly v: FloatArray;
  /** Updates this parameter has had (Adam's bias correction counts per parameter, so a
   *  peephole vector switched on late starts its correction afresh). */
  steps: number;
}

/** An optimiser's state as a checkpoint carries it: per parameter, its moments and its update count. */
export interface OptimizerState {
  readonly m: readonly Float32Array[];
  readonly v: readonly Float32Array[];
  readonly updates: readonly number[];
}

export class Optimizer {
  options: OptimizerOptions;
  private readonly slots: Map<Param, Slot>;
  /** The global gradient norm before clipping, at the last step. */
  lastGradNorm = 0;
  /** The SIMD kernels, when the network and every state buffer live in their memory. */
  private readonly simd: SimdKernels | null;
  private readonly net: Network;

  constructor(net: Network, options: Partial<OptimizerOptions> = {}) {
    this.options = { ...DEFAULT_OPTIMIZER, ...options };
    this.net = net;
    const { backend } = net;
    this.slots = new Map(
      net.params().map((p) => [p, { m: backend.alloc(net.dtype, p.w.length), v: backend.alloc(net.dtype, p.w.length), steps: 0 }]),
    );
    const resident = [...this.slots.values()].every((s) => backend.simdFor(s.m) === net.simd && backend.simdFor(s.v) === net.simd);
    this.simd = resident ? net.simd : null;
  }

  /** Give the state buffers back to the network's backend; the optimiser must not be used after this. */
  release(): void {
    for (const { m, v } of this.slots.values()) {
      this.net.backend.release(m);
      this.net.backend.release(v);
    }
    this.slots.clear();
  }

  /** Copies of the state, parameter by parameter in the network's order (for a checkpoint). */
  state(): OptimizerState {
    const slots = [...this.slots.values()];
    return { m: slots.map((s) => Float32Array.from(s.m)), v: slots.map((s) => Float32Array.from(s.v)), updates: slots.map((s) => s.steps) };
  }

  /** Carry on from a checkpoint's state (of a network of the same shape). */
  load(state: OptimizerState): void {
    const slots = [...this.slots.values()];
    if (state.m.length !== slots.length || state.v.length !== slots.length || state.updates.length !== slots.length) {
      throw new Error(`the checkpoint holds optimiser state for ${state.m.length} parameters, not ${slots.length}`);
    }
    slots.forEach((slot, k) => {
      if (state.m[k]!.length !== slot.m.length || state.v[k]!.length !== slot.v.length) {
        throw new Error(`the checkpoint's optimiser state for parameter ${k + 1} has the wrong size`);
      }
      slot.m.set(state.m[k]!);
      slot.v.set(state.v[k]!);
      slot.steps = state.updates[k]!;
    });
  }

  /** ‖∇‖₂ over the given parameters. */
  static gradNorm(params: readonly Param[]): number {
    let sq = 0;
    for (const p of params) {
      const d = p.dw;
      for (let k = 0; k < d.length; k++) sq += d[k] * d[k];
    }
    return Math.sqrt(sq);
  }

  /** ‖∇‖₂ with the sums of squares in WASM (float64 sums, as gradNorm's). */
  private static gradNormSimd(simd: SimdKernels, params: readonly Param[]): number {
    let sq = 0;
    for (const p of params) sq += simd.k.sum_squares(at(p.dw, 0), p.dw.length);
    return Math.sqrt(sq);
  }

  /** Clip, then update every active parameter of `net` from its dw. */
  step(net: Network): void {
    const params = net.activeParams();
    const { kind, lr, momentum, clip, beta1, beta2, eps } = this.options;
    const simd = net === this.net ? this.simd : null;
    const norm = simd ? Optimizer.gradNormSimd(simd, params) : Optimizer.gradNorm(params);
    this.lastGradNorm = norm;
    const scale = clip > 0 && norm > clip ? clip / norm : 1;
    for (const p of params) {
      const slot = this.slots.get(p)!;
      slot.steps++;
      const { w, dw } = p;
      const { m, v } = slot;
      if (simd) {
        // The same updates in WASM SIMD, in float32 (wasm/assembly/ops.ts).
        const n = w.length;
        if (kind === 'sgd') simd.k.sgd(at(w, 0), at(dw, 0), at(m, 0), n, scale, lr, momentum);
        else simd.k.adam(at(w, 0), at(dw, 0), at(m, 0), at(v, 0), n, scale, lr, beta1, beta2, 1 - Math.pow(beta1, slot.steps), 1 - Math.pow(beta2, slot.steps), eps);
      } else if (kind === 'sgd') {
        for (let k = 0; k < w.length; k++) {
          m[k] = momentum * m[k] + scale * dw[k];
          w[k] -= lr * m[k];
        }
      } else {
        const c1 = 1 - Math.pow(beta1, slot.steps);
        const c2 = 1 - Math.pow(beta2, slot.steps);
        for (let k = 0; k < w.length; k++) {
          const g = scale * dw[k];
          m[k] = beta1 * m[k] + (1 - beta1) * g;
          v[k] = beta2 * v[k] + (1 - beta2) * g * g;
          w[k] -= (lr * (m[k] / c1)) / (Math.sqrt(v[k] / c2) + eps);
        }
      }
    }
  }
}
