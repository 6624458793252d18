/**
 * Where a network's buffers live and which kernels compute on them.
 *
 * The JS backend allocates ordinary typed arrays and computes with the JS kernels. The wasm
 * backend hands out float32 buffers from one WebAssembly memory (an arena, sized before the
 * network is built, since growing the memory would detach every view) and computes with the
 * SIMD kernels; a buffer it has no room for comes from the JS heap, and a workspace holding one
 * computes with the JS kernels (correct, only slower). Float64 always lives on the JS heap.
 */
import { alloc as heapAlloc, type DType, type FloatArray } from './tensor';
import { loadSimdKernels, SimdKernels, type SimdModules, type SimdProblem } from './wasm/simd';

export type KernelKind = 'js' | 'wasm';
export const KERNEL_KINDS: readonly KernelKind[] = ['js', 'wasm'];

export interface Backend {
  readonly kind: KernelKind;
  /** A zeroed buffer of n floats. */
  alloc(dtype: DType, n: number): FloatArray;
  /** Give a buffer back (a no-op on the JS heap). */
  release(a: FloatArray): void;
  /** The SIMD kernels, when `a` lives in their memory; else null. */
  simdFor(a: FloatArray): SimdKernels | null;
}

export const JS_BACKEND: Backend = {
  kind: 'js',
  alloc: heapAlloc,
  release: () => {},
  simdFor: () => null,
};

/** Floats per allocation: rounded up to whole vectors, plus one vector of slack (a row's last vector may read past it). */
const footprint = (n: number): number => (Math.ceil(n / 4) + 1) * 4;

/**
 * Counts the floats a set of buffers needs in an arena: build the objects once with it, then for
 * real. Its buffers are views of one scratch array, so measuring costs no more than the largest.
 */
export class MeasuringBackend implements Backend {
  readonly kind = 'wasm';
  floats = 0;
  private scratch = new Float32Array(0);
  alloc(dtype: DType, n: number): FloatArray {
    if (dtype !== 'f32') return heapAlloc(dtype, n);
    this.floats += footprint(n);
    if (this.scratch.length < n) this.scratch = new Float32Array(n);
    return this.scratch.subarray(0, n);
  }
  release(): void {}
  simdFor(): null {
    return null;
  }
}

/** A free range of the arena, in floats. */
interface Range {
  start: number;
  size: number;
}

export class WasmBackend implements Backend {
  readonly kind = 'wasm';
  readonly simd: SimdKernels;
  /** Free ranges, in address order, never adjacent (they are merged). */
  private readonly free: Range[];
  /** Size of every buffer handed out, by its start. */
  private readonly used = new Map<number, number>();

  constructor(modules: SimdModules, floats: number) {
    this.simd = new SimdKernels(modules, floats);
    this.free = [{ start: 0, size: this.simd.f32.length }];
  }

  /** Floats still free (in all ranges). */
  get freeFloats(): number {
    return this.free.reduce((s, r) => s + r.size, 0);
  }

  alloc(dtype: DType, n: number): FloatArray {
    if (dtype !== 'f32') return heapAlloc(dtype, n);
    const size = footprint(n);
    const k = this.free.findIndex((r) => r.size >= size);
    if (k < 0) return heapAlloc(dtype, n); // no room: on the JS heap, computed by the JS kernels
    const range = this.free[k]!;
    const start = range.start;
    range.start += size;
    range.size -= size;
    if (range.size === 0) this.free.splice(k, 1);
    this.used.set(start, size);
    this.simd.f32.fill(0, start, start + size); // zeroed, slack included (it may hold a released buffer's values)
    return this.simd.f32.subarray(start, start + n);
  }

  release(a: FloatArray): void {
    if (!this.simd.holds(a)) return;
    const start = a.byteOffset / 4;
    const size = this.used.get(start);
    if (size === undefined) return;
    this.used.delete(start);
    let k = this.free.findIndex((r) => r.start > start);
    if (k < 0) k = this.free.length;
    this.free.splice(k, 0, { start, size });
    // Merge with the next range, then with the previous one.
    const next = this.free[k + 1];
    if (next && start + size === next.start) {
      this.free[k]!.size += next.size;
      this.free.splice(k + 1, 1);
    }
    const prev = this.free[k - 1];
    if (prev && prev.start + prev.size === start) {
      prev.size += this.free[k]!.size;
      this.free.splice(k, 1);
    }
  }

  simdFor(a: FloatArray): SimdKernels | null {
    return this.simd.holds(a) ? this.simd : null;
  }
}

export type BackendChoice = { ok: true; backend: Backend } | { ok: false; problem: SimdProblem; reason: string };

/**
 * A backend of the given kind with room for `floats` float32s (measure them with
 * MeasuringBackend). 'wasm' fails, with the reason in one line, where SIMD cannot run.
 */
export function makeBackend(kind: KernelKind, floats: number, modules?: SimdModules): BackendChoice {
  if (kind === 'js') return { ok: true, backend: JS_BACKEND };
  const load = modules ? ({ ok: true, modules } as const) : loadSimdKernels();
  if (!load.ok) return load;
  try {
    return { ok: true, backend: new WasmBackend(load.modules, floats) };
  } catch (e) {
    // Instantiating can fail too, e.g. when the memory cannot be had.
    return { ok: false, problem: 'failed', reason: `the WebAssembly kernels could not start: ${e instanceof Error ? e.message : String(e)}` };
  }
}
