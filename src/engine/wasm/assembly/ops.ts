// The rest of a float32 training step: transposes, the narrow input projection, the readout's
// backward pass, bias sums and the optimisers (src/engine/kernels.ts and optim.ts are the
// reference). Pointers are byte offsets; sizes and strides are in floats.
import { ld, storeN } from './math';

/** out (C×R, dense) ← Bᵀ, B being R×C with row stride ldb; 8×8 tiles keep both sides in cache. */
export function transpose(R: i32, C: i32, src: usize, ldb: i32, out: usize): void {
  for (let r0 = 0; r0 < R; r0 += 8) {
    const r1 = min(r0 + 8, R);
    for (let c0 = 0; c0 < C; c0 += 8) {
      const c1 = min(c0 + 8, C);
      for (let r = r0; r < r1; r++) {
        const from = src + (<usize>r * ldb << 2);
        for (let c = c0; c < c1; c++) store<f32>(out + ((<usize>c * R + r) << 2), load<f32>(from + (<usize>c << 2)));
      }
    }
  }
}

/** out[r, n] = bias[n] + Σ_k X[r, k]·W[n, k] for R rows (X dense, R×K; W N×K): the input projection. */
export function affine(R: i32, N: i32, K: i32, X: usize, W: usize, bias: usize, out: usize): void {
  if (K === 1) {
    // One input: out row = bias + x_r·W, four outputs at a time.
    for (let r = 0; r < R; r++) {
      const x = f32x4.splat(load<f32>(X + (<usize>r << 2)));
      const o0 = out + (<usize>r * N << 2);
      for (let n = 0; n < N; n += 4) {
        const o = <usize>n << 2;
        storeN(o0 + o, f32x4.add(ld(bias + o), f32x4.mul(x, ld(W + o))), N - n);
      }
    }
    return;
  }
  for (let r = 0; r < R; r++) {
    const x0 = X + (<usize>r * K << 2);
    const o0 = out + (<usize>r * N << 2);
    for (let n = 0; n < N; n++) {
      let s = load<f32>(bias + (<usize>n << 2));
      const w0 = W + (<usize>n * K << 2);
      for (let k = 0; k < K; k++) s += load<f32>(x0 + (<usize>k << 2)) * load<f32>(w0 + (<usize>k << 2));
      store<f32>(o0 + (<usize>n << 2), s);
    }
  }
}

/**
 * The readout backward over R rows: dh[r] = Σ_o dy[r, o]·W_y[o]; dW_y[o] += dy[r, o]·h[r];
 * db_y[o] += dy[r, o]. Rows and outputs without a target (dy = 0) cost nothing.
 */
export function readout_backward(R: i32, O: i32, H: i32, dy: usize, h: usize, Wy: usize, dWy: usize, dby: usize, dh: usize): void {
  memory.fill(dh, 0, <usize>R * H << 2);
  for (let r = 0; r < R; r++) {
    const h0 = h + (<usize>r * H << 2);
    const d0 = dh + (<usize>r * H << 2);
    for (let o = 0; o < O; o++) {
      const a = load<f32>(dy + ((<usize>r * O + o) << 2));
      if (a === 0) continue;
      const av = f32x4.splat(a);
      const w0 = Wy + (<usize>o * H << 2);
      const g0 = dWy + (<usize>o * H << 2);
      for (let k = 0; k < H; k += 4) {
        const q = <usize>k << 2;
        storeN(d0 + q, f32x4.add(ld(d0 + q), f32x4.mul(av, ld(w0 + q))), H - k);
        storeN(g0 + q, f32x4.add(ld(g0 + q), f32x4.mul(av, ld(h0 + q))), H - k);
      }
      store<f32>(dby + (<usize>o << 2), load<f32>(dby + (<usize>o << 2)) + a);
    }
  }
}

/** out[r] += Σ_c A[r, c] for a dense R×C block (bias gradients); four partial sums, then the tail. */
export function add_row_sums(R: i32, C: i32, A: usize, out: usize): void {
  const C4 = C & ~3;
  for (let r = 0; r < R; r++) {
    const row = A + (<usize>r * C << 2);
    let v = f32x4.splat(0);
    for (let c = 0; c < C4; c += 4) v = f32x4.add(v, ld(row + (<usize>c << 2)));
    let s = (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
    for (let c = C4; c < C; c++) s += load<f32>(row + (<usize>c << 2));
    const o = out + (<usize>r << 2);
    store<f32>(o, load<f32>(o) + s);
  }
}

/** Σ p[k]² over n floats, summed in float64 (the global gradient norm before clipping). */
export function sum_squares(p: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let k = 0; k < n; k++) {
    const x = <f64>load<f32>(p + (<usize>k << 2));
    s += x * x;
  }
  return s;
}

/**
 * One Adam update of n weights: g = scale·dw; m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²;
 * w ← w − lr·(m/c1) / (√(v/c2) + ε), with c1, c2 the bias corrections.
 */
export function adam(w: usize, dw: usize, m: usize, v: usize, n: i32, scale: f32, lr: f32, beta1: f32, beta2: f32, c1: f32, c2: f32, eps: f32): void {
  const sc = f32x4.splat(scale);
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const a1 = f32x4.splat(1 - beta1);
  const a2 = f32x4.splat(1 - beta2);
  const rate = f32x4.splat(lr);
  const k1 = f32x4.splat(c1);
  const k2 = f32x4.splat(c2);
  const e = f32x4.splat(eps);
  for (let k = 0; k < n; k += 4) {
    const o = <usize>k << 2;
    const g = f32x4.mul(sc, ld(dw + o));
    const mk = f32x4.add(f32x4.mul(b1, ld(m + o)), f32x4.mul(a1, g));
    const vk = f32x4.add(f32x4.mul(b2, ld(v + o)), f32x4.mul(f32x4.mul(a2, g), g));
    storeN(m + o, mk, n - k);
    storeN(v + o, vk, n - k);
    const step = f32x4.div(f32x4.mul(rate, f32x4.div(mk, k1)), f32x4.add(f32x4.sqrt(f32x4.div(vk, k2)), e));
    storeN(w + o, f32x4.sub(ld(w + o), step), n - k);
  }
}

/** One SGD-with-momentum update of n weights: m ← μ m + scale·dw; w ← w − lr·m. */
export function sgd(w: usize, dw: usize, m: usize, n: i32, scale: f32, lr: f32, momentum: f32): void {
  const sc = f32x4.splat(scale);
  const mu = f32x4.splat(momentum);
  const rate = f32x4.splat(lr);
  for (let k = 0; k < n; k += 4) {
    const o = <usize>k << 2;
    const mk = f32x4.add(f32x4.mul(mu, ld(m + o)), f32x4.mul(sc, ld(dw + o)));
    storeN(m + o, mk, n - k);
    storeN(w + o, f32x4.sub(ld(w + o), f32x4.mul(rate, mk)), n - k);
  }
}
