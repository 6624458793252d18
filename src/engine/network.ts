/**
 * A recurrent network: one cell (RNN, LSTM or GRU; or the FNN with a window, which has no loop)
 * and a linear readout at every step.
 * The gate weights are fused: W, U and b stack the gates' blocks in equation order, so one
 * matrix product per step serves every gate and every sequence of the batch.
 */
import { makeParam, type DType, type Param } from './tensor';
import { blockCount, inputWidth, switchConflict, WINDOW_RANGE, type NetSpec } from './spec';
import { Workspace } from './workspace';
import { Interventions } from './interventions';
import { JS_BACKEND, type Backend } from './backend';
import type { SimdKernels } from './wasm/simd';
import { rnnForward, rnnBackward } from './rnn';
import { lstmForward, lstmBackward } from './lstm';
import { gateRecurrenceBegin, lstmGateRecurrenceGrads } from './lstmGateRecurrence';
import { fnnBackward, fnnForward, fnnWindows } from './fnn';
import { gruForward, gruBackward, gruPrepareGrads, gruRecurrentGradRows } from './gru';

export class Network {
  readonly dtype: DType;
  /** G: gate blocks in W, U and b (LSTM 4: i f g o; GRU 3: z r g; RNN and FNN 1). */
  readonly G: number;
  /** Input weights [W_* stacked], (G·H)×I; the FNN's W is H×(k·I), over its whole window. */
  readonly W: Param;
  /** Recurrent weights [U_* stacked], (G·H)×H (none in the FNN). */
  readonly U: Param;
  /** Biases [b_* stacked], G·H. */
  readonly b: Param;
  /** LSTM peepholes [p_i p_f p_o], 3H; kept while switched off (length 0 for other cells). */
  readonly P: Param;
  /**
   * LSTM with full gate recurrence (FGR): [R_ii R_if R_io R_fi R_ff R_fo R_oi R_of R_oo] stacked,
   * (9H)×H; R_xy feeds gate x at step t from gate y at t−1 (length 0 otherwise).
   */
  readonly R: Param;
  /** GRU reset-after: bh_g, the bias inside r⊙(U_g h + bh_g), H (length 0 otherwise). */
  readonly bh: Param;
  /** Readout weights W_y, O×H. */
  readonly Wy: Param;
  /** Readout bias b_y, O. */
  readonly by: Param;
  /** Clamped gates and ablated units (src/engine/interventions.ts); none at first. */
  readonly interventions: Interventions;
  /** Where the buffers live (the JS heap, or a wasm arena) and so which kernels can run. */
  readonly backend: Backend;
  /** The SIMD kernels, when every parameter lives in their memory (never for float64). */
  readonly simd: SimdKernels | null;
  private specValue: NetSpec;
  private readonly all: readonly Param[];
  private active: readonly Param[];

  constructor(spec: NetSpec, dtype: DType = 'f32', backend: Backend = JS_BACKEND) {
    const { cell, hiddenSize: H, outputSize: O } = spec;
    this.specValue = {
      ...spec,
      peephole: cell === 'lstm' && spec.peephole,
      resetAfter: cell === 'gru' && spec.resetAfter,
      forgetFixed: cell === 'lstm' && spec.forgetFixed === true,
      change: cell === 'lstm' ? spec.change : undefined,
      window: cell === 'fnn' ? (spec.window ?? 1) : undefined,
    };
    const k = this.specValue.window;
    if (k !== undefined && !(Number.isInteger(k) && k >= WINDOW_RANGE.min && k <= WINDOW_RANGE.max)) {
      throw new Error(`the FNN's window must be a whole number from ${WINDOW_RANGE.min} to ${WINDOW_RANGE.max}, not ${k}`);
    }
    const conflict = switchConflict(this.specValue);
    if (conflict) throw new Error(conflict);
    this.dtype = dtype;
    this.backend = backend;
    this.G = blockCount(cell);
    this.interventions = new Interventions(cell, this.G, H);
    const GH = this.G * H;
    const allocate = backend.alloc.bind(backend);
    this.W = makeParam(dtype, 'W', GH, inputWidth(this.specValue), allocate);
    this.U = makeParam(dtype, 'U', cell === 'fnn' ? 0 : GH, H, allocate);
    this.b = makeParam(dtype, 'b', GH, 1, allocate);
    this.P = makeParam(dtype, 'P', cell === 'lstm' ? 3 * H : 0, 1, allocate);
    this.R = makeParam(dtype, 'R', this.specValue.change === 'FGR' ? 9 * H : 0, H, allocate);
    this.bh = makeParam(dtype, 'bh', this.specValue.resetAfter ? H : 0, 1, allocate);
    this.Wy = makeParam(dtype, 'Wy', O, H, allocate);
    this.by = makeParam(dtype, 'by', O, 1, allocate);
    const every = [this.W, this.U, this.b, this.P, this.R, this.bh, this.Wy, this.by];
    const simd = dtype === 'f32' ? backend.simdFor(this.W.w) : null;
    this.simd = simd && every.every((p) => backend.simdFor(p.w) === simd && backend.simdFor(p.dw) === simd) ? simd : null;
    this.all = every.filter((p) => p.w.length > 0);
    this.active = this.computeActive();
  }

  get spec(): NetSpec {
    return this.specValue;
  }

  /** Every parameter the network owns, including peepholes that are switched off. */
  params(): readonly Param[] {
    return this.all;
  }

  /** The parameters that take part in the computation now (training updates only these). */
  activeParams(): readonly Param[] {
    return this.active;
  }

  /**
   * Switch the LSTM's peephole connections. Off keeps the p_* values; on uses them again.
   * A network that never had them on holds p_* = 0, so switching on changes no output.
   */
  setPeephole(on: boolean): void {
    if (this.specValue.cell !== 'lstm') throw new Error('peephole connections exist only in the LSTM');
    this.specValue = { ...this.specValue, peephole: on };
    this.active = this.computeActive();
  }

  /**
   * Take the LSTM's forget gate out (f = 1, the 1997 LSTM) or put it back. W_f, U_f and b_f keep
   * their values while it is out (their gradients are zero), so putting it back restores it.
   */
  setForgetFixed(on: boolean): void {
    if (this.specValue.cell !== 'lstm') throw new Error('only the LSTM has a forget gate to fix');
    const conflict = switchConflict({ ...this.specValue, forgetFixed: on });
    if (conflict) throw new Error(conflict);
    this.specValue = { ...this.specValue, forgetFixed: on };
  }

  private computeActive(): readonly Param[] {
    return this.all.filter((p) => p !== this.P || this.specValue.peephole);
  }

  /** A workspace for batches of B sequences of T steps, from this network's backend (release it when done). */
  createWorkspace(T: number, B: number): Workspace {
    return new Workspace(this.specValue, this.dtype, T, B, this.backend, this.simd);
  }

  zeroGrad(): void {
    for (const p of this.all) p.dw.fill(0);
  }

  /** Run the cell over ws.x and write every state, gate and output y_t. */
  forward(ws: Workspace): void {
    this.forwardBegin(ws);
    this.forwardSteps(ws, 0, ws.T);
    this.forwardEnd(ws);
  }

  /**
   * Input projections for every step at once: gates ← W_* x_t + b_* (FNN: W u_t + b); the cell
   * adds U h_{t−1}. Also Uᵀ, which the recurrent products of both passes read.
   */
  forwardBegin(ws: Workspace): void {
    const { hiddenSize: H, cell } = this.specValue;
    if (cell === 'fnn') fnnWindows(this, ws);
    else ws.kernels.transpose(this.G * H, H, this.U.w, 0, H, ws.UT);
    if (this.R.w.length > 0) gateRecurrenceBegin(this, ws);
    const input = cell === 'fnn' ? ws.window : ws.x;
    ws.kernels.affine(ws.T * ws.B, this.G * H, inputWidth(this.specValue), input, 0, this.W.w, this.b.w, ws.gates);
  }

  /** The cell over steps s0..s1−1 (0-based slots). */
  forwardSteps(ws: Workspace, s0: number, s1: number): void {
    const cell = this.specValue.cell;
    if (cell === 'lstm') lstmForward(this, ws, s0, s1);
    else if (cell === 'gru') gruForward(this, ws, s0, s1);
    else if (cell === 'fnn') fnnForward(this, ws, s0, s1);
    else rnnForward(this, ws, s0, s1);
  }

  /** Readout: y_t = W_y h_t + b_y, for every step at once (h_1..h_T start at slot 1). */
  forwardEnd(ws: Workspace): void {
    const { hiddenSize: H, outputSize: O } = this.specValue;
    ws.kernels.affine(ws.T * ws.B, O, H, ws.h, ws.B * H, this.Wy.w, this.by.w, ws.y);
  }

  /**
   * Exact backpropagation through time, given ws.dy = ∂L/∂y_t. Accumulates every dw, and
   * fills ws.dh, ws.dc and ws.dpre with the total gradients per step and unit.
   */
  backward(ws: Workspace): void {
    this.backwardBegin(ws);
    this.backwardSteps(ws, ws.T, 0);
    this.prepareWeightGrads(ws);
    this.recurrentGradRows(ws, 0, this.G * this.specValue.hiddenSize);
  }

  /** Readout: ∂L/∂h_t from y_t (the cell adds what flows back from later steps), ∂L/∂W_y, ∂L/∂b_y. */
  backwardBegin(ws: Workspace): void {
    const { hiddenSize: H, outputSize: O } = this.specValue;
    ws.kernels.readoutBackward(ws.T * ws.B, O, H, ws.dy, ws.h, ws.B * H, this.Wy.w, this.Wy.dw, this.by.dw, ws.dh);
  }

  /** The cell's backward pass over steps s1−1 down to s0: fills ws.dpre (and the peephole gradients). */
  backwardSteps(ws: Workspace, s1: number, s0: number): void {
    const cell = this.specValue.cell;
    if (cell === 'lstm') lstmBackward(this, ws, s1, s0);
    else if (cell === 'gru') gruBackward(this, ws, s1, s0);
    else if (cell === 'fnn') fnnBackward(ws, this.specValue.hiddenSize, s1, s0);
    else rnnBackward(this, ws, s1, s0);
  }

  /**
   * Weight gradients summed over every step in one product each, on time-transposed buffers:
   * ∂L/∂W = Σ_t δ_t x_tᵀ and ∂L/∂b = Σ_t δ_t here, and the operands of ∂L/∂U = Σ_t δ_t h_{t−1}ᵀ,
   * which recurrentGradRows then computes a block of rows at a time.
   */
  prepareWeightGrads(ws: Workspace): void {
    const { hiddenSize: H, cell } = this.specValue;
    const I = inputWidth(this.specValue);
    const TB = ws.T * ws.B;
    const GH = this.G * H;
    const k = ws.kernels;
    k.transpose(TB, GH, ws.dpre, 0, GH, ws.colsWide);
    k.transpose(TB, I, cell === 'fnn' ? ws.window : ws.x, 0, I, ws.colsIn);
    k.gemmNT(GH, I, TB, ws.colsWide, 0, TB, ws.colsIn, 0, TB, this.W.dw, 0, I, true);
    k.addRowSums(GH, TB, ws.colsWide, 0, this.b.dw, 0);
    // h_{t−1} for ∂L/∂U, transposed for kernels that read it so (the FNN has no U).
    if (cell !== 'fnn' && k.readsTransposed) k.transpose(TB, H, ws.h, 0, H, ws.colsNarrow);
    if (cell === 'gru') gruPrepareGrads(this, ws);
    if (this.R.w.length > 0) lstmGateRecurrenceGrads(this, ws);
  }

  /** Rows m0..m1−1 (of G·H) of ∂L/∂U; each row is a full sum over every step, so any split gives the same result. */
  recurrentGradRows(ws: Workspace, m0: number, m1: number): void {
    const H = this.specValue.hiddenSize;
    const TB = ws.T * ws.B;
    if (this.specValue.cell === 'fnn') return; // no recurrent weights
    if (this.specValue.cell === 'gru') gruRecurrentGradRows(this, ws, m0, m1);
    else ws.kernels.sumOverSteps(m1 - m0, H, TB, ws.colsWide, m0 * TB, ws.h, ws.colsNarrow, 0, this.U.dw, m0 * H, true);
  }
}
