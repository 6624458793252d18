/**
 * npm run bench -- --products: the engine's matrix products, C = A·Bᵀ in float32, with the JS
 * kernel and the WebAssembly SIMD kernel, interleaved run by run; GFLOP/s medians and ratios.
 * The shapes are an LSTM's at H = 128, B = 16, T = 50: the recurrent product of a step forward
 * (16×512 from K = 128), its transpose backward (16×128 from K = 512), and ∂L/∂U over the batch
 * and time (512×128 from K = 800).
 */
import { gemmNT } from '../engine/kernels';
import { Rng } from '../engine/rng';
import { SimdKernels, loadSimdKernels } from '../engine/wasm/simd';
import { median, rate } from './timing';
import { UsageError, type Io } from './common';

export const PRODUCT_SHAPES: readonly { name: string; M: number; N: number; K: number }[] = [
  { name: 'forward h·Uᵀ', M: 16, N: 512, K: 128 },
  { name: 'backward δ·U', M: 16, N: 128, K: 512 },
  { name: 'gradient ∂L/∂U', M: 512, N: 128, K: 800 },
];

export interface ProductResult {
  shape: string;
  M: number;
  N: number;
  K: number;
  jsGflops: number;
  wasmGflops: number;
  ratio: number;
}

export function benchProducts(repeats: number, minTime: number): ProductResult[] {
  const load = loadSimdKernels();
  if (!load.ok) throw new UsageError(`--products: ${load.reason}`);
  const rng = new Rng(1);
  return PRODUCT_SHAPES.map(({ name, M, N, K }) => {
    const A = Float32Array.from({ length: M * K }, () => rng.normal());
    const B = Float32Array.from({ length: N * K }, () => rng.normal());
    const C = new Float32Array(M * N);
    const simd = new SimdKernels(load.modules, M * K + N * K + M * N);
    simd.f32.set(A, 0);
    simd.f32.set(B, M * K);
    const js = () => gemmNT(M, N, K, A, 0, K, B, 0, K, C, 0, N, false);
    const mem = simd.f32;
    const wasm = () => simd.gemmNT(M, N, K, mem, 0, K, mem, M * K, K, mem, M * K + N * K, N, false);
    rate(js, minTime, 3); // warm-up for both
    rate(wasm, minTime, 3);
    const jsRuns: number[] = [];
    const wasmRuns: number[] = [];
    for (let r = 0; r < repeats; r++) {
      jsRuns.push(rate(js, minTime, 3));
      wasmRuns.push(rate(wasm, minTime, 3));
    }
    const flops = 2 * M * N * K;
    const jsGflops = (median(jsRuns) * flops) / 1e9;
    const wasmGflops = (median(wasmRuns) * flops) / 1e9;
    return { shape: name, M, N, K, jsGflops: Number(jsGflops.toFixed(2)), wasmGflops: Number(wasmGflops.toFixed(2)), ratio: Number((wasmGflops / jsGflops).toFixed(2)) };
  });
}

export function printProducts(results: readonly ProductResult[], json: boolean, io: Io): void {
  if (!json) io.out(`products C = A·Bᵀ, float32: GFLOP/s, JS and WASM SIMD interleaved (medians)\nshape               M×N×K          JS     WASM   WASM/JS\n`);
  for (const r of results) {
    if (json) io.out(`${JSON.stringify(r)}\n`);
    else io.out(`${r.shape.padEnd(19)} ${`${r.M}×${r.N}×${r.K}`.padEnd(13)} ${r.jsGflops.toFixed(2).padStart(6)} ${r.wasmGflops.toFixed(2).padStart(8)} ${`${r.ratio.toFixed(1)}×`.padStart(8)}\n`);
  }
}
