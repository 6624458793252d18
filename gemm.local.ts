import { gemmNT } from './src/engine/kernels';
type F = Float32Array | Float64Array;
function gemm44(M: number, N: number, K: number, A: F, aOff: number, lda: number, B: F, bOff: number, ldb: number, C: F, cOff: number, ldc: number, acc: boolean) {
  let m = 0;
  for (; m + 3 < M; m += 4) {
    const a0 = aOff + m * lda, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda;
    const c0 = cOff + m * ldc;
    let n = 0;
    for (; n + 3 < N; n += 4) {
      const b0 = bOff + n * ldb, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let k = 0; k < K; k++) {
        const y0 = B[b0 + k], y1 = B[b1 + k], y2 = B[b2 + k], y3 = B[b3 + k];
        let x = A[a0 + k]; s00 += x * y0; s01 += x * y1; s02 += x * y2; s03 += x * y3;
        x = A[a1 + k]; s10 += x * y0; s11 += x * y1; s12 += x * y2; s13 += x * y3;
        x = A[a2 + k]; s20 += x * y0; s21 += x * y1; s22 += x * y2; s23 += x * y3;
        x = A[a3 + k]; s30 += x * y0; s31 += x * y1; s32 += x * y2; s33 += x * y3;
      }
      const c = c0 + n;
      if (acc) {
        C[c] += s00; C[c + 1] += s01; C[c + 2] += s02; C[c + 3] += s03;
        C[c + ldc] += s10; C[c + ldc + 1] += s11; C[c + ldc + 2] += s12; C[c + ldc + 3] += s13;
        C[c + 2 * ldc] += s20; C[c + 2 * ldc + 1] += s21; C[c + 2 * ldc + 2] += s22; C[c + 2 * ldc + 3] += s23;
        C[c + 3 * ldc] += s30; C[c + 3 * ldc + 1] += s31; C[c + 3 * ldc + 2] += s32; C[c + 3 * ldc + 3] += s33;
      } else {
        C[c] = s00; C[c + 1] = s01; C[c + 2] = s02; C[c + 3] = s03;
        C[c + ldc] = s10; C[c + ldc + 1] = s11; C[c + ldc + 2] = s12; C[c + ldc + 3] = s13;
        C[c + 2 * ldc] = s20; C[c + 2 * ldc + 1] = s21; C[c + 2 * ldc + 2] = s22; C[c + 2 * ldc + 3] = s23;
        C[c + 3 * ldc] = s30; C[c + 3 * ldc + 1] = s31; C[c + 3 * ldc + 2] = s32; C[c + 3 * ldc + 3] = s33;
      }
    }
  }
}
for (const [M, N, K] of [[16, 64, 16], [16, 16, 64], [64, 16, 800], [16, 512, 128], [16, 128, 512], [512, 128, 800]]) {
  const A = new Float32Array(M * K).map(() => Math.random()), B = new Float32Array(N * K).map(() => Math.random());
  const C = new Float32Array(M * N), C2 = new Float32Array(M * N);
  const reps = Math.max(1, Math.round(2e7 / (M * N * K)));
  const time = (f: () => void) => { let best = Infinity; for (let r = 0; r < 15; r++) { const t = performance.now(); for (let i = 0; i < reps; i++) f(); best = Math.min(best, performance.now() - t); } return (M * N * K * reps) / best / 1e6; };
  const g1 = time(() => gemmNT(M, N, K, A, 0, K, B, 0, K, C, 0, N, false));
  const g2 = time(() => gemm44(M, N, K, A, 0, K, B, 0, K, C2, 0, N, false));
  let err = 0; for (let i = 0; i < M * N; i++) err = Math.max(err, Math.abs(C[i] - C2[i]));
  console.log(M, N, K, '2x4', g1.toFixed(2), 'GMAC/s   4x4', g2.toFixed(2), 'err', err);
}
console.log('--- f64 buffers');
for (const [M, N, K] of [[16, 64, 16], [16, 512, 128], [512, 128, 800]]) {
  const A = new Float64Array(M * K).map(() => Math.random()), B = new Float64Array(N * K).map(() => Math.random());
  const C2 = new Float64Array(M * N);
  const reps = Math.max(1, Math.round(2e7 / (M * N * K)));
  const time = (f: () => void) => { let best = Infinity; for (let r = 0; r < 15; r++) { const t = performance.now(); for (let i = 0; i < reps; i++) f(); best = Math.min(best, performance.now() - t); } return (M * N * K * reps) / best / 1e6; };
  const g2 = time(() => gemm44(M, N, K, A, 0, K, B, 0, K, C2, 0, N, false));
  console.log(M, N, K, '4x4 f64', g2.toFixed(2));
}
