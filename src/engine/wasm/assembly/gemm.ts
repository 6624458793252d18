// C = A·B (acc = 0) or C += A·B (acc = 1) in float32, with B not transposed: A is M×K (row stride
// lda), B is K×N (ldb), C is M×N (ldc), all row-major, pointers in bytes, strides in floats.
// Blocks of 4 rows by 8 columns keep 8 sums of f32x4 in registers and need no horizontal sums:
// per k, 2 vector loads of B and 4 splats of A feed 8 vector multiply–adds. The recurrent
// products have this form once U is held transposed (h·Uᵀ = h·UT) or as it is (δ·U).
import { storeN } from './math';

@inline function put(p: usize, v: v128, acc: i32): void {
  v128.store(p, acc ? f32x4.add(v128.load(p), v) : v);
}

export function gemm_nn(M: i32, N: i32, K: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, acc: i32): void {
  const la = <usize>lda << 2;
  const lb = <usize>ldb << 2;
  const lc = <usize>ldc << 2;
  const zero = f32x4.splat(0);
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    const a0 = a + <usize>m * la;
    const a1 = a0 + la;
    const a2 = a1 + la;
    const a3 = a2 + la;
    const c0 = c + <usize>m * lc;
    const c1 = c0 + lc;
    const c2 = c1 + lc;
    const c3 = c2 + lc;
    let n = 0;
    for (; n + 8 <= N; n += 8) {
      let s00 = zero, s01 = zero, s10 = zero, s11 = zero, s20 = zero, s21 = zero, s30 = zero, s31 = zero;
      let bp = b + (<usize>n << 2);
      for (let k = 0; k < K; k++) {
        const y0 = v128.load(bp);
        const y1 = v128.load(bp, 16);
        const o = <usize>k << 2;
        let x = v128.load32_splat(a0 + o);
        s00 = f32x4.add(s00, f32x4.mul(x, y0));
        s01 = f32x4.add(s01, f32x4.mul(x, y1));
        x = v128.load32_splat(a1 + o);
        s10 = f32x4.add(s10, f32x4.mul(x, y0));
        s11 = f32x4.add(s11, f32x4.mul(x, y1));
        x = v128.load32_splat(a2 + o);
        s20 = f32x4.add(s20, f32x4.mul(x, y0));
        s21 = f32x4.add(s21, f32x4.mul(x, y1));
        x = v128.load32_splat(a3 + o);
        s30 = f32x4.add(s30, f32x4.mul(x, y0));
        s31 = f32x4.add(s31, f32x4.mul(x, y1));
        bp += lb;
      }
      const q = <usize>n << 2;
      put(c0 + q, s00, acc); put(c0 + q + 16, s01, acc);
      put(c1 + q, s10, acc); put(c1 + q + 16, s11, acc);
      put(c2 + q, s20, acc); put(c2 + q + 16, s21, acc);
      put(c3 + q, s30, acc); put(c3 + q + 16, s31, acc);
    }
    // The last N mod 8 columns, four at a time (the last vector partly stored).
    for (; n < N; n += 4) {
      let s0 = zero, s1 = zero, s2 = zero, s3 = zero;
      let bp = b + (<usize>n << 2);
      for (let k = 0; k < K; k++) {
        const y = v128.load(bp);
        const o = <usize>k << 2;
        s0 = f32x4.add(s0, f32x4.mul(v128.load32_splat(a0 + o), y));
        s1 = f32x4.add(s1, f32x4.mul(v128.load32_splat(a1 + o), y));
        s2 = f32x4.add(s2, f32x4.mul(v128.load32_splat(a2 + o), y));
        s3 = f32x4.add(s3, f32x4.mul(v128.load32_splat(a3 + o), y));
        bp += lb;
      }
      const q = <usize>n << 2;
      const w = N - n;
      storeN(c0 + q, acc ? f32x4.add(v128.load(c0 + q), s0) : s0, w);
      storeN(c1 + q, acc ? f32x4.add(v128.load(c1 + q), s1) : s1, w);
      storeN(c2 + q, acc ? f32x4.add(v128.load(c2 + q), s2) : s2, w);
      storeN(c3 + q, acc ? f32x4.add(v128.load(c3 + q), s3) : s3, w);
    }
  }
  // The last M mod 4 rows, one at a time.
  for (; m < M; m++) {
    const a0 = a + <usize>m * la;
    const c0 = c + <usize>m * lc;
    for (let n = 0; n < N; n += 4) {
      let s = zero;
      let bp = b + (<usize>n << 2);
      for (let k = 0; k < K; k++) {
        s = f32x4.add(s, f32x4.mul(v128.load32_splat(a0 + (<usize>k << 2)), v128.load(bp)));
        bp += lb;
      }
      const q = <usize>n << 2;
      storeN(c0 + q, acc ? f32x4.add(v128.load(c0 + q), s) : s, N - n);
    }
  }
}
