/**
 * The numeric kernels: every matrix product in the engine goes through here, so a faster
 * implementation (WASM SIMD, a second core) can be swapped in at one place.
 *
 * All matrices are row-major with an explicit offset and leading dimension (row stride), so a
 * gate block or a time slice of a larger buffer is used in place, without copying.
 */
import type { FloatArray } from './tensor';

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
  for (; m + 1 < M; m += 2) {
    const a0 = aOff + m * lda;
    const a1 = a0 + lda;
    const c0 = cOff + m * ldc;
    const c1 = c0 + ldc;
    let n = 0;
    for (; n + 3 < N; n += 4) {
      const b0 = bOff + n * ldb;
      const b1 = b0 + ldb;
      const b2 = b1 + ldb;
      const b3 = b2 + ldb;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k];
        const x1 = A[a1 + k];
        const y0 = B[b0 + k];
        const y1 = B[b1 + k];
        const y2 = B[b2 + k];
        const y3 = B[b3 + k];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      }
      if (accumulate) {
        C[c0 + n] += s00; C[c0 + n + 1] += s01; C[c0 + n + 2] += s02; C[c0 + n + 3] += s03;
        C[c1 + n] += s10; C[c1 + n + 1] += s11; C[c1 + n + 2] += s12; C[c1 + n + 3] += s13;
      } else {
        C[c0 + n] = s00; C[c0 + n + 1] = s01; C[c0 + n + 2] = s02; C[c0 + n + 3] = s03;
        C[c1 + n] = s10; C[c1 + n + 1] = s11; C[c1 + n + 2] = s12; C[c1 + n + 3] = s13;
      }
    }
    for (; n < N; n++) {
      const b0 = bOff + n * ldb;
      let s0 = 0, s1 = 0;
      for (let k = 0; k < K; k++) {
        const y = B[b0 + k];
        s0 += A[a0 + k] * y;
        s1 += A[a1 + k] * y;
      }
      if (accumulate) { C[c0 + n] += s0; C[c1 + n] += s1; } else { C[c0 + n] = s0; C[c1 + n] = s1; }
    }
  }
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
      if (accumulate) {
        C[c0 + n] += s0; C[c0 + n + 1] += s1; C[c0 + n + 2] += s2; C[c0 + n + 3] += s3;
      } else {
        C[c0 + n] = s0; C[c0 + n + 1] = s1; C[c0 + n + 2] = s2; C[c0 + n + 3] = s3;
      }
    }
    for (; n < N; n++) {
      const b0 = bOff + n * ldb;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[a0 + k] * B[b0 + k];
      if (accumulate) C[c0 + n] += s; else C[c0 + n] = s;
    }
  }
}

/**
 * Bᵀ into out: B is R×Cc (offset bOff, row stride ldb); out is Cc×R, dense (row stride R).
 * Used to turn A·B and Aᵀ·B products into the row-contiguous A·Bᵀ form of gemmNT.
 */
export function transpose(
  R: number, Cc: number,
  B: FloatArray, bOff: number, ldb: number,
  out: FloatArray,
): void {
  for (let r = 0; r < R; r++) {
    const row = bOff + r * ldb;
    for (let c = 0; c < Cc; c++) out[c * R + r] = B[row + c];
  }
}

/** out[i] += Σ_r A[aOff + r·lda + i] over R rows: column sums of a block (bias gradients). */
export function addColumnSums(
  R: number, Cc: number,
  A: FloatArray, aOff: number, lda: number,
  out: FloatArray,
): void {
  for (let r = 0; r < R; r++) {
    const row = aOff + r * lda;
    for (let c = 0; c < Cc; c++) out[c] += A[row + c];
  }
}

/** The logistic function σ(x) = 1 / (1 + e^(−x)). */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
