/**
 * The WebAssembly SIMD kernels (kernels.wat): compiled synchronously from the bytes in
 * kernelsModule.ts, which works alike in Vite (app and workers), Vitest and tsx. Where WASM
 * SIMD is missing, or compiling is refused (a CSP without 'wasm-unsafe-eval'), `loadSimdKernels`
 * says why and the engine keeps its JS kernels.
 */
import { KERNELS_WASM } from './kernelsModule';

interface Exports {
  memory: WebAssembly.Memory;
  gemm_nt(M: number, N: number, K: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, acc: number): void;
}

function bytes(): Uint8Array<ArrayBuffer> {
  const text = atob(KERNELS_WASM);
  const out = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) out[k] = text.charCodeAt(k);
  return out;
}

/** One instance of the kernels with its own memory, sized once (growing it would detach every view). */
export class SimdKernels {
  private readonly exports: Exports;
  /** The whole memory as float32: pointers below are indices into it (byte offset / 4). */
  readonly f32: Float32Array;

  constructor(module: WebAssembly.Module, floats: number) {
    this.exports = new WebAssembly.Instance(module, {}).exports as unknown as Exports;
    const have = this.exports.memory.buffer.byteLength;
    const need = floats * 4;
    if (need > have) this.exports.memory.grow(Math.ceil((need - have) / 65536));
    this.f32 = new Float32Array(this.exports.memory.buffer);
  }

  /**
   * C = A·Bᵀ (or C += A·Bᵀ) on float32 data in this instance's memory, as gemmNT in kernels.ts:
   * a, b, c are float indices into `f32`, strides in floats. Sums are float32.
   */
  gemmNT(M: number, N: number, K: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, accumulate: boolean): void {
    this.exports.gemm_nt(M, N, K, a * 4, lda, b * 4, ldb, c * 4, ldc, accumulate ? 1 : 0);
  }
}

export type SimdLoad = { ok: true; module: WebAssembly.Module } | { ok: false; reason: string };

/** Compile the kernels, or say in one line why they cannot run here. */
export function loadSimdKernels(): SimdLoad {
  if (typeof WebAssembly !== 'object') return { ok: false, reason: 'WebAssembly is not available' };
  const code = bytes();
  if (!WebAssembly.validate(code)) return { ok: false, reason: 'WebAssembly SIMD (simd128) is not supported' };
  try {
    return { ok: true, module: new WebAssembly.Module(code) };
  } catch (e) {
    return { ok: false, reason: `the WebAssembly kernels could not be compiled: ${e instanceof Error ? e.message : String(e)}` };
  }
}
