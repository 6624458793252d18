/**
 * The numeric kernels: every matrix product in the engine goes through here, so a faster
 * implementation (WASM SIMD, a second core) can be swapped in at one place.
 *
 * All matrices are row-major with an explicit offset and leading dimension (row stride), so a
 * gate block or a time slice of a larger buffer is used in place, without copying.
 */
import type { FloatArray } from './tensor';

/**
 * The kernels a workspace computes with: these JS functions (the reference, and the only ones for
 * float64), or the WebAssembly SIMD kernels (wasm/simd.ts) when every buffer lives in their memory.
 */
export interface Kernels {
  readonly kind: 'js' | 'wasm';
  gemmNT: typeof gemmNT;
  timesUT: typeof timesUT;
  timesU: typeof timesU;
  sumOverSteps: typeof sumOverSteps;
  /** Whether sumOverSteps reads its right operand transposed (XT), which must then be prepared. */
  readonly readsTransposed: boolean;
  transpose: typeof transpose;
  addRowSums: typeof addRowSums;
  affine: typeof affine;
  readoutBackward: typeof readoutBackward;
}

/**
 * C = A·Bᵀ (accumulate = false) or C += A·Bᵀ (accumulate = true), where
 * A is M×K (offset aOff, row stride lda), B is N×K (bOff, ldb), C is M×N (cOff, ldc).
 * Both operands are read along contiguous rows; sums are carried in float64 registers.
 */
export function gemmNT(
  M: number, N: number, K: number,
  A: FloatArray, aOff: number, lda: number,
  B: FloatArray, bOff: number, ldb: number,
  C: FloatArray, cOff: number, ldc: number,
  accumulate: boolean,
): void {
  let m = 0;
  // 4×4 register blocks: per k, 8 loads feed 16 multiply–adds.
  for (; m + 3 < M; m += 4) {
    const a0 = aOff + m * lda;
    const a1 = a0 + lda;
    const a2 = a1 + lda;
    const a3 = a2 + lda;
    const c0 = cOff + m * ldc;
    const c1 = c0 + ldc;
    const c2 = c1 + ldc;
    const c3 = c2 + ldc;
    let n = 0;
    for (; n + 3 < N; n += 4) {
      const b0 = bOff + n * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let k = 0; k < K; k++) {
        const y0 = B[b0 + k], y1 = B[b1 + k], y2 = B[b2 + k], y3 = B[b3 + k];
        let x = A[a0 + k];
        s00 += x * y0; s01 += x * y1; s02 += x * y2; s03 += x * y3;
        x = A[a1 + k];
        s10 += x * y0; s11 += x * y1; s12 += x * y2; s13 += x * y3;
        x = A[a2 + k];
        s20 += x * y0; s21 += x * y1; s22 += x * y2; s23 += x * y3;
        x = A[a3 + k];
        s30 += x * y0; s31 += x * y1; s32 += x * y2; s33 += x * y3;
      }
      C[c0 + n] = accumulate ? C[c0 + n] + s00 : s00; C[c0 + n + 1] = accumulate ? C[c0 + n + 1] + s01 : s01;
      C[c0 + n + 2] = accumulate ? C[c0 + n + 2] + s02 : s02; C[c0 + n + 3] = accumulate ? C[c0 + n + 3] + s03 : s03;
      C[c1 + n] = accumulate ? C[c1 + n] + s10 : s10; C[c1 + n + 1] = accumulate ? C[c1 + n + 1] + s11 : s11;
      C[c1 + n + 2] = accumulate ? C[c1 + n + 2] + s12 : s12; C[c1 + n + 3] = accumulate ? C[c1 + n + 3] + s13 : s13;
      C[c2 + n] = accumulate ? C[c2 + n] + s20 : s20; C[c2 + n + 1] = accumulate ? C[c2 + n + 1] + s21 : s21;
      C[c2 + n + 2] = accumulate ? C[c2 + n + 2] + s22 : s22; C[c2 + n + 3] = accumulate ? C[c2 + n + 3] + s23 : s23;
      C[c3 + n] = accumulate ? C[c3 + n] + s30 : s30; C[c3 + n + 1] = accumulate ? C[c3 + n + 1] + s31 : s31;
      C[c3 + n + 2] = accumulate ? C[c3 + n + 2] + s32 : s32; C[c3 + n + 3] = accumulate ? C[c3 + n + 3] + s33 : s33;
    }
    for (; n < N; n++) {
      const b0 = bOff + n * ldb;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < K; k++) {
        const y = B[b0 + k];
        s0 += A[a0 + k] * y; s1 += A[a1 + k] * y; s2 += A[a2 + k] * y; s3 += A[a3 + k] * y;
      }
      C[c0 + n] = accumulate ? C[c0 + n] + s0 : s0;
      C[c1 + n] = accumulate ? C[c1 + n] + s1 : s1;
      C[c2 + n] = accumulate ? C[c2 + n] + s2 : s2;
      C[c3 + n] = accumulate ? C[c3 + n] + s3 : s3;
    }
  }
  // Leftover rows of A, one at a time.
  for (; m < M; m++) {
    const a0 = aOff + m * lda;
    const c0 = cOff + m * ldc;
    let n = 0;
    for (; n + 3 < N; n += 4) {
      const b0 = bOff + n * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0; k < K; k++) {
        const x = A[a0 + k];
        s0 += x * B[b0 + k]; s1 += x * B[b1 + k]; s2 += x * B[b2 + k]; s3 += x * B[b3 + k];
      }
      C[c0 + n] = accumulate ? C[c0 + n] + s0 : s0; C[c0 + n + 1] = accumulate ? C[c0 + n + 1] + s1 : s1;
      C[c0 + n + 2] = accumulate ? C[c0 + n + 2] + s2 : s2; C[c0 + n + 3] = accumulate ? C[c0 + n + 3] + s3 : s3;
    }
    for (; n < N; n++) {
      const b0 = bOff + n * ldb;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[a0 + k] * B[b0 + k];
      C[c0 + n] = accumulate ? C[c0 + n] + s : s;
    }
  }
}

/**
 * The recurrent products, on a block of U's rows: C (+)= X·U[r0 : r0+N]ᵀ, where X is M×K
 * (offset xOff, row stride ldx) and U is rows×K; UT (U transposed, K×rows) is for kernels that
 * read it instead (the WASM ones do, so that both products run without transposing anything).
 */
export function timesUT(
  M: number, N: number, K: number, X: FloatArray, xOff: number, ldx: number,
  U: FloatArray, UT: FloatArray, r0: number, rows: number, C: FloatArray, cOff: number, ldc: number, accumulate: boolean,
): void {
  void UT;
  void rows;
  gemmNT(M, N, K, X, xOff, ldx, U, r0 * K, K, C, cOff, ldc, accumulate);
}

/**
 * C (+)= D·U[r0 : r0+K], where D is M×K (offset dOff, row stride ldd), U is rows×N and UT its
 * transpose (N×rows, which this JS kernel reads, so that the product runs along rows).
 */
export function timesU(
  M: number, N: number, K: number, D: FloatArray, dOff: number, ldd: number,
  U: FloatArray, UT: FloatArray, r0: number, rows: number, C: FloatArray, cOff: number, ldc: number, accumulate: boolean,
): void {
  void U;
  gemmNT(M, N, K, D, dOff, ldd, UT, r0, rows, C, cOff, ldc, accumulate);
}

/**
 * A weight gradient summed over every step: C (+)= D·X, where D is M×K (dense, from dOff: gate
 * gradients, one row per unit, one column per step and sequence) and X is K×N (dense, from xOff:
 * the operand at every step, one row each); XT is X transposed (N×K dense), which this JS kernel
 * reads so that the product runs along rows.
 */
export function sumOverSteps(
  M: number, N: number, K: number, D: FloatArray, dOff: number,
  X: FloatArray, XT: FloatArray, xOff: number, C: FloatArray, cOff: number, accumulate: boolean,
): void {
  void X;
  void xOff;
  gemmNT(M, N, K, D, dOff, K, XT, 0, K, C, cOff, N, accumulate);
}

/**
 * Bᵀ into out: B is R×Cc (offset bOff, row stride ldb); out is Cc×R, dense (row stride R),
 * from offset outOff. Turns Aᵀ·B products into the row-contiguous A·Bᵀ form of gemmNT.
 */
export function transpose(
  R: number, Cc: number,
  B: FloatArray, bOff: number, ldb: number,
  out: FloatArray, outOff = 0,
): void {
  for (let r = 0; r < R; r++) {
    const row = bOff + r * ldb;
    for (let c = 0; c < Cc; c++) out[outOff + c * R + r] = B[row + c];
  }
}

/** out[oOff + i] += Σ_c A[aOff + i·C + c]: row sums of a dense R×C block (bias gradients). */
export function addRowSums(R: number, C: number, A: FloatArray, aOff: number, out: FloatArray, oOff: number): void {
  for (let r = 0; r < R; r++) {
    const row = aOff + r * C;
    let s = 0;
    for (let c = 0; c < C; c++) s += A[row + c];
    out[oOff + r] += s;
  }
}

/**
 * out[r, n] = bias[n] + Σ_k X[xOff + r·K + k] · W[n, k] for R rows: an affine map of every
 * row at once. Narrow inputs (K ≤ 8, as for most tasks) take a direct loop.
 */
export function affine(
  R: number, N: number, K: number,
  X: FloatArray, xOff: number, W: FloatArray, bias: FloatArray, out: FloatArray,
): void {
  if (K > 8) {
    gemmNT(R, N, K, X, xOff, K, W, 0, K, out, 0, N, false);
    for (let r = 0; r < R; r++) for (let n = 0; n < N; n++) out[r * N + n] += bias[n];
    return;
  }
  for (let r = 0; r < R; r++) {
    const x0 = xOff + r * K;
    const o0 = r * N;
    for (let n = 0; n < N; n++) {
      let s = bias[n];
      for (let k = 0; k < K; k++) s += X[x0 + k] * W[n * K + k];
      out[o0 + n] = s;
    }
  }
}

/**
 * The readout's backward pass over R rows: dh[r] = Σ_o dy[r, o] W_y[o]; dW_y[o] += dy[r, o] h[r];
 * db_y[o] += dy[r, o]. Rows and outputs without a target (dy = 0) cost nothing.
 */
export function readoutBackward(
  R: number, O: number, H: number,
  dy: FloatArray, h: FloatArray, hOff: number, Wy: FloatArray, dWy: FloatArray, dby: FloatArray, dh: FloatArray,
): void {
  dh.fill(0, 0, R * H);
  for (let r = 0; r < R; r++) {
    const h0 = hOff + r * H;
    const d0 = r * H;
    for (let o = 0; o < O; o++) {
      const a = dy[r * O + o];
      if (a === 0) continue;
      const w0 = o * H;
      for (let k = 0; k < H; k++) {
        dh[d0 + k] += a * Wy[w0 + k];
        dWy[w0 + k] += a * h[h0 + k];
      }
      dby[o] += a;
    }
  }
}

/** The JS kernels as a Kernels object. */
export const JS_KERNELS: Kernels = {
  kind: 'js', gemmNT, timesUT, timesU, sumOverSteps, readsTransposed: true, transpose, addRowSums, affine, readoutBackward,
};
