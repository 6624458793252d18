/**
 * Every buffer one forward and backward pass over a batch needs, allocated once per shape
 * (T steps, B sequences) so that a training step allocates nothing.
 *
 * Time is 1-based as in the equations: step t = 1..T reads x_t and writes h_t.
 * Per-step buffers hold step t in slot t−1; state buffers (h, c) have T+1 slots, slot t
 * holding h_t and slot 0 holding h_0 = 0.
 * Within a slot, sequences are rows: index (slot·B + b)·width + unit.
 */
import type { DType, FloatArray } from './tensor';
import { blockCount, inputWidth, type NetSpec } from './spec';
import { JS_BACKEND, type Backend } from './backend';
import { JS_KERNELS, type Kernels } from './kernels';
import type { SimdKernels } from './wasm/simd';

export class Workspace {
  /** T: time steps. */
  readonly T: number;
  /** B: sequences in the batch. */
  readonly B: number;
  /** x_t: [T][B][I]. */
  readonly x: FloatArray;
  /** FNN: u_t = [x_t; x_{t−1}; …; x_{t−k+1}], the window fed to W: [T][B][k·I] (empty for other cells). */
  readonly window: FloatArray;
  /** target_t: [T][B][O], meaningful only where mask is 1. */
  readonly target: FloatArray;
  /** 1 where step t of sequence b has a target, 0 where its target is null: [T][B]. */
  readonly mask: Uint8Array;
  /** Gate values after their nonlinearity, blocks in equation order (i f g o / z r g / the RNN's h): [T][B][G·H]. */
  readonly gates: FloatArray;
  /** h_t: [T+1][B][H], slot 0 is h_0 = 0. */
  readonly h: FloatArray;
  /** c_t (LSTM): [T+1][B][H], slot 0 is c_0 = 0. */
  readonly c: FloatArray;
  /** tanh(c_t) (LSTM): [T][B][H]. */
  readonly tc: FloatArray;
  /** GRU: r⊙h_{t−1} (standard) or U_g h_{t−1} + bh_g (reset-after): [T][B][H]. */
  readonly aux: FloatArray;
  /** y_t = W_y h_t + b_y: [T][B][O]. */
  readonly y: FloatArray;
  /** ∂L/∂y_t: [T][B][O]. */
  readonly dy: FloatArray;
  /** Total ∂L/∂h_t, through every later step: [T][B][H]. */
  readonly dh: FloatArray;
  /** Total ∂L/∂c_t (LSTM), through every later step: [T][B][H]. */
  readonly dc: FloatArray;
  /** ∂L/∂(gate pre-activation), blocks as in gates: [T][B][G·H]. */
  readonly dpre: FloatArray;
  /** GRU reset-after: ∂L/∂(U_g h_{t−1} + bh_g) = δg_pre ⊙ r: [T][B][H]. */
  readonly dgRec: FloatArray;
  /** Scratch: the part of ∂L/∂h_{t−1} that flows back from step t: [B][H]. */
  readonly dhRec: FloatArray;
  /** Scratch: the part of ∂L/∂c_{t−1} that flows back from step t (LSTM): [B][H]. */
  readonly dcRec: FloatArray;
  /** Scratch: ∂L/∂(r⊙h_{t−1}) (standard GRU): [B][H]. */
  readonly drh: FloatArray;
  /** Scratch (LSTM FGR): ∂L/∂[i f o]_{t−1} (gate values) through R, from step t: [B][3H]. */
  readonly dgateRec: FloatArray;
  /** Scratch (LSTM FGR): each R_xy transposed, (9H)×H. */
  readonly RT: FloatArray;
  /** Scratch (LSTM FGR): the gate values transposed to units × steps: (4H)×[T·B]. */
  readonly colsGates: FloatArray;
  /** Scratch: Uᵀ, H×(G·H), so that δ·U is a row-contiguous product. */
  readonly UT: FloatArray;
  /** Scratch: δ (gate pre-activation gradients) transposed to units × steps: (G·H)×[T·B]. */
  readonly colsWide: FloatArray;
  /** Scratch: h_{t−1} (or r⊙h_{t−1}) transposed to units × steps: H×[T·B]. */
  readonly colsNarrow: FloatArray;
  /** Scratch: x_t (FNN: u_t) transposed to inputs × steps: I×[T·B] (FNN: k·I×[T·B]). */
  readonly colsIn: FloatArray;
  /** Scratch (standard GRU): r⊙h_{t−1} transposed: H×[T·B]. */
  readonly colsAux: FloatArray;
  /** The kernels for this workspace: WASM SIMD when it and its network live in their memory, else JS. */
  readonly kernels: Kernels;
  /** The SIMD kernels for the cells' gate code, or null (then the JS gate code runs). */
  readonly simd: SimdKernels | null;
  private readonly backend: Backend;
  private readonly buffers: FloatArray[] = [];

  /**
   * `netSimd` is the network's own SIMD kernels (null when any of its parameters lies outside
   * their memory); the workspace uses them only if all its buffers fit in that memory too.
   */
  constructor(spec: NetSpec, dtype: DType, T: number, B: number, backend: Backend = JS_BACKEND, netSimd: SimdKernels | null = null) {
    this.backend = backend;
    const alloc = (d: DType, n: number): FloatArray => {
      const a = backend.alloc(d, n);
      this.buffers.push(a);
      return a;
    };
    const { inputSize: I, hiddenSize: H, outputSize: O, cell } = spec;
    const G = blockCount(cell);
    const lstm = cell === 'lstm';
    const gru = cell === 'gru';
    const fnn = cell === 'fnn';
    const fgr = lstm && spec.change === 'FGR';
    const wide = inputWidth(spec);
    const TB = T * B;
    this.T = T;
    this.B = B;
    this.x = alloc(dtype, TB * I);
    this.window = alloc(dtype, fnn ? TB * wide : 0);
    this.target = alloc(dtype, TB * O);
    this.mask = new Uint8Array(TB);
    this.gates = alloc(dtype, TB * G * H);
    this.h = alloc(dtype, (T + 1) * B * H);
    this.c = alloc(dtype, lstm ? (T + 1) * B * H : 0);
    this.tc = alloc(dtype, lstm ? TB * H : 0);
    this.aux = alloc(dtype, gru ? TB * H : 0);
    this.y = alloc(dtype, TB * O);
    this.dy = alloc(dtype, TB * O);
    this.dh = alloc(dtype, TB * H);
    this.dc = alloc(dtype, lstm ? TB * H : 0);
    this.dpre = alloc(dtype, TB * G * H);
    this.dgRec = alloc(dtype, gru && spec.resetAfter ? TB * H : 0);
    this.dhRec = alloc(dtype, fnn ? 0 : B * H);
    this.dcRec = alloc(dtype, lstm ? B * H : 0);
    this.drh = alloc(dtype, gru ? B * H : 0);
    this.dgateRec = alloc(dtype, fgr ? B * 3 * H : 0);
    this.RT = alloc(dtype, fgr ? 9 * H * H : 0);
    this.colsGates = alloc(dtype, fgr ? TB * G * H : 0);
    this.UT = alloc(dtype, fnn ? 0 : G * H * H);
    this.colsWide = alloc(dtype, TB * G * H);
    this.colsNarrow = alloc(dtype, TB * H);
    this.colsIn = alloc(dtype, TB * wide);
    this.colsAux = alloc(dtype, gru && !spec.resetAfter ? TB * H : 0);
    const resident = netSimd !== null && this.buffers.every((a) => backend.simdFor(a) === netSimd);
    this.simd = resident ? netSimd : null;
    this.kernels = this.simd ?? JS_KERNELS;
  }

  /** Give the buffers back to the backend; the workspace must not be used after this. */
  release(): void {
    for (const a of this.buffers) this.backend.release(a);
    this.buffers.length = 0;
  }
}
