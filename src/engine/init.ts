/**
 * Seeded initialisation: Glorot-uniform input and readout weights, orthogonal recurrent
 * weights (each gate's U_* on its own, scaled), zero biases, and a forget-gate bias; or, with
 * chrono, the gate biases of Tallec & Ollivier (2018), "Can recurrent neural networks warp time?":
 *   LSTM: b_f ~ log(U[1, T_max − 1]), b_i = −b_f;   GRU: b_z ~ log(U[1, T_max − 1])
 * (the GRU's z keeps h_{t−1} as the LSTM's f keeps c_{t−1}: h_t = z⊙h_{t−1} + (1−z)⊙g), so that
 * each unit starts with a memory of its own time scale, spread up to T_max steps.
 * The LSTM's full gate recurrence (FGR) R_xy is Glorot-uniform too.
 */
import type { Rng } from './rng';
import type { Network } from './network';
import type { FloatArray } from './tensor';

export interface InitOptions {
  /** b_f at start (LSTM); 1 by default, 0 switches it off. */
  readonly forgetBias: number;
  /** Every U_* is scale × an orthogonal matrix, so its spectral radius is `scale`. */
  readonly recurrentScale: number;
  /** T_max of the chrono initialisation (LSTM, GRU), in place of forgetBias; 0: off. */
  readonly chrono: number;
}

export const DEFAULT_INIT: InitOptions = { forgetBias: 1, recurrentScale: 1, chrono: 0 };

/** The shortest T_max chrono takes (log U[1, 1] = 0: every gate half open). */
export const CHRONO_MIN = 2;

export function initNetwork(net: Network, rng: Rng, options: Partial<InitOptions> = {}): void {
  const { forgetBias, recurrentScale, chrono } = { ...DEFAULT_INIT, ...options };
  const { hiddenSize: H, outputSize: O, cell } = net.spec;
  for (let gate = 0; gate < net.G; gate++) {
    // W_* (H×I) and U_* (H×H) of one gate are contiguous row blocks of the fused matrices.
    glorotUniform(rng, net.W.w, gate * H * net.W.cols, H, net.W.cols);
    if (cell !== 'fnn') orthogonal(rng, net.U.w, gate * H * H, H, recurrentScale);
  }
  glorotUniform(rng, net.Wy.w, 0, O, H);
  net.b.w.fill(0);
  if (cell === 'lstm') net.b.w.fill(forgetBias, H, 2 * H);
  net.P.w.fill(0);
  net.bh.w.fill(0);
  net.by.w.fill(0);
  // Drawn after every other weight, so that the rest of the network is the same with or without it.
  if (chrono >= CHRONO_MIN && (cell === 'lstm' || cell === 'gru')) {
    const b = net.b.w;
    for (let j = 0; j < H; j++) {
      const keep = Math.log(rng.uniform(1, chrono - 1)); // log of a time scale in [1, T_max − 1]
      if (cell === 'lstm') {
        b[H + j] = keep; // b_f
        b[j] = -keep; // b_i = −b_f
      } else b[j] = keep; // b_z
    }
  }
  // FGR's nine R_xy (H×H each), drawn last of all: the rest is then the same network as its V.
  for (let k = 0; k < net.R.w.length / (H * H); k++) glorotUniform(rng, net.R.w, k * H * H, H, H);
}

/** Uniform in ±√(6 / (fan_in + fan_out)) for a rows×cols block (fan_in = cols, fan_out = rows). */
function glorotUniform(rng: Rng, out: FloatArray, offset: number, rows: number, cols: number): void {
  const limit = Math.sqrt(6 / (rows + cols));
  for (let k = 0; k < rows * cols; k++) out[offset + k] = rng.uniform(-limit, limit);
}

/**
 * A random n×n orthogonal matrix, times scale: Q from the QR decomposition of a Gaussian
 * matrix (modified Gram–Schmidt on its columns, signs fixed so R has a positive diagonal).
 */
export function orthogonal(rng: Rng, out: FloatArray, offset: number, n: number, scale: number): void {
  const a = new Float64Array(n * n); // column-major: column c is a[c·n .. c·n+n)
  for (let k = 0; k < n * n; k++) a[k] = rng.normal();
  for (let c = 0; c < n; c++) {
    const col = c * n;
    for (let prev = 0; prev < c; prev++) {
      const pc = prev * n;
      let dot = 0;
      for (let k = 0; k < n; k++) dot += a[pc + k] * a[col + k];
      for (let k = 0; k < n; k++) a[col + k] -= dot * a[pc + k];
    }
    let norm = 0;
    for (let k = 0; k < n; k++) norm += a[col + k] * a[col + k];
    norm = Math.sqrt(norm);
    for (let k = 0; k < n; k++) a[col + k] /= norm;
  }
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) out[offset + r * n + c] = scale * a[c * n + r];
}
