/**
 * npm run bench -- --products: the engine's matrix products in float32: the JS kernel (C = A·Bᵀ),
 * the WebAssembly SIMD kernel for that form (kernels.wat), and the one the WASM engine uses for
 * them (C = A·B with B as stored, assembly/gemm.ts), interleaved run by run; GFLOP/s medians.
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
  /** C = A·Bᵀ in WASM SIMD (kernels.wat). */
  wasmGflops: number;
  /** C = A·B in WASM SIMD (assembly/gemm.ts): what the WASM engine runs for these products. */
  wasmNnGflops: number;
  /** The engine's WASM product against the JS one. */
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
    // Room for A, B (N×K, or K×N for A·B: the same floats), C and a vector of slack.
    const simd = new SimdKernels(load.modules, M * K + N * K + M * N + 4);
    simd.f32.set(A, 0);
    simd.f32.set(B, M * K);
    const js = () => gemmNT(M, N, K, A, 0, K, B, 0, K, C, 0, N, false);
    const mem = simd.f32;
    const cAt = M * K + N * K;
    const wasm = () => simd.gemmNT(M, N, K, mem, 0, K, mem, M * K, K, mem, cAt, N, false);
    const wasmNn = () => simd.k.gemm_nn(M, N, K, 0, K, M * K * 4, N, cAt * 4, N, 0);
    const kinds = [js, wasm, wasmNn];
    for (const run of kinds) rate(run, minTime, 3); // warm-up for each
    const runs = kinds.map(() => [] as number[]);
    for (let r = 0; r < repeats; r++) kinds.forEach((run, k) => runs[k]!.push(rate(run, minTime, 3)));
    const flops = 2 * M * N * K;
    const [jsGflops, wasmGflops, wasmNnGflops] = runs.map((x) => (median(x) * flops) / 1e9) as [number, number, number];
    const round = (v: number) => Number(v.toFixed(2));
    return { shape: name, M, N, K, jsGflops: round(jsGflops), wasmGflops: round(wasmGflops), wasmNnGflops: round(wasmNnGflops), ratio: round(wasmNnGflops / jsGflops) };
  });
}

export function printProducts(results: readonly ProductResult[], json: boolean, io: Io): void {
  if (!json) {
    io.out('products, float32: GFLOP/s, interleaved (medians): JS C = A·Bᵀ; WASM SIMD C = A·Bᵀ; WASM SIMD C = A·B (what the WASM engine runs)\n');
    io.out('shape               M×N×K          JS  WASM A·Bᵀ  WASM A·B   engine WASM/JS\n');
  }
  for (const r of results) {
    if (json) io.out(`${JSON.stringify(r)}\n`);
    else {
      io.out(`${r.shape.padEnd(19)} ${`${r.M}×${r.N}×${r.K}`.padEnd(13)} ${r.jsGflops.toFixed(2).padStart(6)} ${r.wasmGflops.toFixed(2).padStart(11)} ` +
        `${r.wasmNnGflops.toFixed(2).padStart(9)} ${`${r.ratio.toFixed(1)}×`.padStart(16)}\n`);
    }
  }
}
