/**
 * The WebAssembly SIMD kernels: the committed module is what kernels.wat compiles to, and its
 * float32 products agree with the JS kernel (float64 sums) within float32 rounding, for every
 * shape the register blocks leave edges in, with offsets, row strides and accumulation.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { gemmNT } from '../src/engine/kernels';
import { Rng } from '../src/engine/rng';
import { SimdKernels, loadSimdKernels } from '../src/engine/wasm/simd';

test('the committed module is what kernels.wat compiles to (a stale binary cannot land)', () => {
  expect(() => execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
});

const load = loadSimdKernels();

describe('gemm_nt against the JS kernel', () => {
  test('Node compiles the kernels', () => expect(load).toMatchObject({ ok: true }));
  if (!load.ok) return;
  const simd = new SimdKernels(load.modules, 1 << 16);
  const rng = new Rng(7);

  // Edges of the 2×4 blocks and of the 4-wide k loop, and the engine's own shapes.
  const shapes: [number, number, number][] = [];
  for (const M of [1, 2, 3, 5]) for (const N of [1, 3, 4, 7, 9]) for (const K of [1, 3, 4, 5, 8, 13]) shapes.push([M, N, K]);
  shapes.push([16, 32, 8], [16, 128, 33], [8, 64, 129]);

  test.each(shapes)('M = %i, N = %i, K = %i, with offsets, strides and both modes', (M, N, K) => {
    const lda = K + 3;
    const ldb = K + 1;
    const ldc = N + 2;
    // Apart in memory, at offsets that are not multiples of 4 floats.
    const aOff = 5;
    const bOff = aOff + M * lda + 7;
    const cOff = bOff + N * ldb + 11;
    const mem = simd.f32;
    for (const accumulate of [false, true]) {
      const A = Float32Array.from({ length: aOff + M * lda }, () => rng.normal());
      const B = Float32Array.from({ length: bOff + N * ldb }, () => rng.normal());
      const C = Float32Array.from({ length: cOff + M * ldc }, () => rng.normal());
      mem.set(A, 0);
      mem.set(B.subarray(bOff), bOff);
      mem.set(C.subarray(cOff), cOff);
      simd.gemmNT(M, N, K, mem, aOff, lda, mem, bOff, ldb, mem, cOff, ldc, accumulate);
      const ref = Float64Array.from(C);
      gemmNT(M, N, K, Float64Array.from(A), aOff, lda, Float64Array.from(B), bOff, ldb, ref, cOff, ldc, accumulate);
      for (let m = 0; m < M; m++) {
        for (let n = 0; n < N; n++) {
          // float32 rounding of K products and their sum: at most about K·2⁻²⁴ of Σ|a·b|.
          let scale = accumulate ? Math.abs(C[cOff + m * ldc + n]!) : 0;
          for (let k = 0; k < K; k++) scale += Math.abs(A[aOff + m * lda + k]! * B[bOff + n * ldb + k]!);
          const got = mem[cOff + m * ldc + n]!;
          expect(Math.abs(got - ref[cOff + m * ldc + n]!)).toBeLessThanOrEqual((K + 2) * 1.2e-7 * scale + 1e-30);
        }
        // Padding between rows of C is left alone.
        for (let n = N; n < ldc; n++) expect(mem[cOff + m * ldc + n]).toBe(C[cOff + m * ldc + n]);
      }
    }
  });

  test.each(shapes)('gemm_nn (C = A·B, B not transposed): M = %i, N = %i, K = %i, with offsets, strides and both modes', (M, N, K) => {
    const lda = K + 3;
    const ldb = N + 1; // B is K×N
    const ldc = N + 2;
    const aOff = 5;
    const bOff = aOff + M * lda + 7;
    const cOff = bOff + K * ldb + 11;
    const mem = simd.f32;
    for (const accumulate of [false, true]) {
      const A = Float32Array.from({ length: aOff + M * lda }, () => rng.normal());
      const B = Float32Array.from({ length: bOff + K * ldb }, () => rng.normal());
      const C = Float32Array.from({ length: cOff + M * ldc + 4 }, () => rng.normal());
      mem.set(A, 0);
      mem.set(B.subarray(bOff), bOff);
      mem.set(C.subarray(cOff), cOff);
      simd.k.gemm_nn(M, N, K, aOff * 4, lda, bOff * 4, ldb, cOff * 4, ldc, accumulate ? 1 : 0);
      for (let m = 0; m < M; m++) {
        for (let n = 0; n < N; n++) {
          let ref = accumulate ? C[cOff + m * ldc + n]! : 0;
          let scale = Math.abs(ref);
          for (let k = 0; k < K; k++) {
            const p = A[aOff + m * lda + k]! * B[bOff + k * ldb + n]!;
            ref += p;
            scale += Math.abs(p);
          }
          expect(Math.abs(mem[cOff + m * ldc + n]! - ref)).toBeLessThanOrEqual((K + 2) * 1.2e-7 * scale + 1e-30);
        }
        for (let n = N; n < ldc; n++) expect(mem[cOff + m * ldc + n]).toBe(C[cOff + m * ldc + n]);
      }
    }
  });

  test('a wrong product is caught: the tolerance is tight enough to see one term left out', () => {
    const M = 2, N = 4, K = 8;
    const A = Float32Array.from({ length: M * K }, () => rng.normal());
    const B = Float32Array.from({ length: N * K }, () => rng.normal());
    simd.f32.set(A, 0);
    simd.f32.set(B, 100);
    // One k short: what a kernel that drops the last lane would compute.
    simd.gemmNT(M, N, K - 1, simd.f32, 0, K, simd.f32, 100, K, simd.f32, 200, N, false);
    const ref = new Float64Array(M * N);
    gemmNT(M, N, K, Float64Array.from(A), 0, K, Float64Array.from(B), 0, K, ref, 0, N, false);
    let caught = 0;
    for (let j = 0; j < M * N; j++) {
      const m = Math.floor(j / N), n = j % N;
      let scale = 0;
      for (let k = 0; k < K; k++) scale += Math.abs(A[m * K + k]! * B[n * K + k]!);
      if (Math.abs(simd.f32[200 + j]! - ref[j]!) > (K + 2) * 1.2e-7 * scale) caught++;
    }
    expect(caught).toBe(M * N);
  });
});

test('npm run bench -- --products prints JS and WASM GFLOP/s for the three shapes', async () => {
  const { benchMain } = await import('../src/cli/bench');
  const out: string[] = [];
  const code = benchMain(['--products', '--json', '--repeats', '1', '--min-time', '0.005'], { out: (s) => void out.push(s), err: () => {} });
  expect(code).toBe(0);
  const rows = out.join('').trim().split('\n').map((l) => JSON.parse(l) as { shape: string; jsGflops: number; wasmGflops: number; wasmNnGflops: number; ratio: number });
  expect(rows.map((r) => r.shape)).toEqual(['forward h·Uᵀ', 'backward δ·U', 'gradient ∂L/∂U']);
  for (const r of rows) expect(Math.min(r.jsGflops, r.wasmGflops, r.wasmNnGflops, r.ratio)).toBeGreaterThan(0);
});
