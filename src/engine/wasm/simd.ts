/**
 * The WebAssembly SIMD kernels: the matrix products (kernels.wat) and the cell kernels
 * (assembly/), compiled synchronously from the bytes in kernelsModule.ts, which works alike in
 * Vite (app and workers), Vitest and tsx. Both modules share one memory per instance, sized once:
 * growing it would detach every view onto it. Where WASM SIMD is missing, or compiling is refused
 * (a CSP without 'wasm-unsafe-eval'), `loadSimdKernels` says why and the engine keeps its JS kernels.
 */
import { CELLS_WASM, PRODUCTS_WASM } from './kernelsModule';
import { gemmNT as jsGemmNT, type Kernels } from '../kernels';
import type { FloatArray } from '../tensor';

/** Pointers are byte offsets into the shared memory; sizes and strides are in floats. */
interface Exports {
  gemm_nt(M: number, N: number, K: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, acc: number): void;
  gemm_nn(M: number, N: number, K: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, acc: number): void;
  lstm_forward(gates: number, cPrev: number, cNext: number, tc: number, hNext: number, p: number, B: number, H: number, peep: number, fixed: number, change: number): void;
  lstm_backward(gates: number, cPrev: number, cNext: number, tc: number, dh: number, dc: number, dpre: number, dhRec: number, dcRec: number, dgr: number, p: number, dp: number, B: number, H: number, peep: number, fixed: number, change: number): void;
  gru_forward_zr(gates: number, hPrev: number, aux: number, bh: number, B: number, H: number, after: number): void;
  gru_forward_h(gates: number, hPrev: number, hNext: number, B: number, H: number): void;
  gru_backward_gates(gates: number, hPrev: number, aux: number, dh: number, dhRec: number, dpre: number, dgRec: number, B: number, H: number, after: number): void;
  gru_backward_r(gates: number, hPrev: number, drh: number, dpre: number, B: number, H: number): void;
  gru_backward_direct(gates: number, dh: number, drh: number, dhRec: number, B: number, H: number, after: number): void;
  tanh_state(pre: number, hNext: number, n: number): void;
  tanh_state_backward(h: number, dh: number, dhRec: number, dpre: number, n: number, recurrent: number): void;
  transpose(R: number, C: number, src: number, ldb: number, out: number): void;
  affine(R: number, N: number, K: number, X: number, W: number, bias: number, out: number): void;
  readout_backward(R: number, O: number, H: number, dy: number, h: number, Wy: number, dWy: number, dby: number, dh: number): void;
  add_row_sums(R: number, C: number, A: number, out: number): void;
  sum_squares(p: number, n: number): number;
  adam(w: number, dw: number, m: number, v: number, n: number, scale: number, lr: number, beta1: number, beta2: number, c1: number, c2: number, eps: number): void;
  sgd(w: number, dw: number, m: number, n: number, scale: number, lr: number, momentum: number): void;
}

export interface SimdModules {
  readonly products: WebAssembly.Module;
  readonly cells: WebAssembly.Module;
}

function bytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) out[k] = text.charCodeAt(k);
  return out;
}

/** Byte address of element `off` of a view onto the memory. */
const at = (a: FloatArray, off: number): number => a.byteOffset + 4 * off;

/**
 * One instance of the kernels with its own memory of `floats` float32s. Every method takes views
 * onto that memory (`f32`, or the arena's buffers) with element offsets, as the JS kernels do.
 * The products check that their operands live here and otherwise run the JS kernel; the cell
 * kernels are only called by a workspace whose every buffer lives here.
 */
export class SimdKernels implements Kernels {
  readonly kind = 'wasm';
  readonly k: Exports;
  readonly memory: WebAssembly.Memory;
  /** The whole memory as float32. */
  readonly f32: Float32Array;

  constructor(modules: SimdModules, floats: number) {
    this.memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((floats * 4) / 65536)) });
    const env = { env: { memory: this.memory } };
    const products = new WebAssembly.Instance(modules.products, env).exports;
    const cells = new WebAssembly.Instance(modules.cells, env).exports;
    this.k = { ...products, ...cells } as unknown as Exports;
    this.f32 = new Float32Array(this.memory.buffer);
  }

  /** Whether `a` is a float32 view onto this instance's memory. */
  holds(a: FloatArray): boolean {
    return a.buffer === this.f32.buffer;
  }

  /** C = A·Bᵀ (or C += A·Bᵀ), as gemmNT in kernels.ts, with float32 sums. */
  gemmNT(
    M: number, N: number, K: number, A: FloatArray, aOff: number, lda: number,
    B: FloatArray, bOff: number, ldb: number, C: FloatArray, cOff: number, ldc: number, accumulate: boolean,
  ): void {
    if (!(this.holds(A) && this.holds(B) && this.holds(C))) {
      jsGemmNT(M, N, K, A, aOff, lda, B, bOff, ldb, C, cOff, ldc, accumulate);
      return;
    }
    this.k.gemm_nt(M, N, K, at(A, aOff), lda, at(B, bOff), ldb, at(C, cOff), ldc, accumulate ? 1 : 0);
  }

  /** C (+)= X·U[r0 : r0+N]ᵀ as in kernels.ts, read from UT (K×rows) as a product without transposes (assembly/gemm.ts). */
  timesUT(
    M: number, N: number, K: number, X: FloatArray, xOff: number, ldx: number,
    U: FloatArray, UT: FloatArray, r0: number, rows: number, C: FloatArray, cOff: number, ldc: number, accumulate: boolean,
  ): void {
    this.k.gemm_nn(M, N, K, at(X, xOff), ldx, at(UT, r0), rows, at(C, cOff), ldc, accumulate ? 1 : 0);
    void U;
  }

  /** Reads X as it is (no transpose needed): see readsTransposed. */
  readonly readsTransposed = false;

  /** C (+)= D·X summed over the steps, as in kernels.ts, with X read as it is. */
  sumOverSteps(
    M: number, N: number, K: number, D: FloatArray, dOff: number,
    X: FloatArray, XT: FloatArray, xOff: number, C: FloatArray, cOff: number, accumulate: boolean,
  ): void {
    this.k.gemm_nn(M, N, K, at(D, dOff), K, at(X, xOff), N, at(C, cOff), N, accumulate ? 1 : 0);
    void XT;
  }

  /** C (+)= D·U[r0 : r0+K] as in kernels.ts, read from U (rows×N) as it is. */
  timesU(
    M: number, N: number, K: number, D: FloatArray, dOff: number, ldd: number,
    U: FloatArray, UT: FloatArray, r0: number, rows: number, C: FloatArray, cOff: number, ldc: number, accumulate: boolean,
  ): void {
    this.k.gemm_nn(M, N, K, at(D, dOff), ldd, at(U, r0 * N), N, at(C, cOff), ldc, accumulate ? 1 : 0);
    void UT;
    void rows;
  }

  transpose(R: number, Cc: number, B: FloatArray, bOff: number, ldb: number, out: FloatArray, outOff = 0): void {
    this.k.transpose(R, Cc, at(B, bOff), ldb, at(out, outOff));
  }

  addRowSums(R: number, C: number, A: FloatArray, aOff: number, out: FloatArray, oOff: number): void {
    this.k.add_row_sums(R, C, at(A, aOff), at(out, oOff));
  }

  affine(R: number, N: number, K: number, X: FloatArray, xOff: number, W: FloatArray, bias: FloatArray, out: FloatArray): void {
    if (K <= 8) {
      this.k.affine(R, N, K, at(X, xOff), at(W, 0), at(bias, 0), at(out, 0));
      return;
    }
    this.k.gemm_nt(R, N, K, at(X, xOff), K, at(W, 0), K, at(out, 0), N, 0);
    for (let r = 0; r < R; r++) for (let n = 0; n < N; n++) out[r * N + n] += bias[n]!;
  }

  readoutBackward(
    R: number, O: number, H: number,
    dy: FloatArray, h: FloatArray, hOff: number, Wy: FloatArray, dWy: FloatArray, dby: FloatArray, dh: FloatArray,
  ): void {
    this.k.readout_backward(R, O, H, at(dy, 0), at(h, hOff), at(Wy, 0), at(dWy, 0), at(dby, 0), at(dh, 0));
  }
}

/** Why the SIMD kernels cannot run: the page words each kind in its language; `reason` is one English line (the CLI's). */
export type SimdProblem = 'no-wasm' | 'no-simd' | 'blocked' | 'failed';

export type SimdLoad = { ok: true; modules: SimdModules } | { ok: false; problem: SimdProblem; reason: string };

/** Compile the kernels, or say in one line why they cannot run here. */
export function loadSimdKernels(): SimdLoad {
  if (typeof WebAssembly !== 'object') return { ok: false, problem: 'no-wasm', reason: 'WebAssembly is not available' };
  const products = bytes(PRODUCTS_WASM);
  const cells = bytes(CELLS_WASM);
  if (!WebAssembly.validate(products) || !WebAssembly.validate(cells)) {
    return { ok: false, problem: 'no-simd', reason: 'WebAssembly SIMD (simd128) is not supported' };
  }
  try {
    return { ok: true, modules: { products: new WebAssembly.Module(products), cells: new WebAssembly.Module(cells) } };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    // Chromium names the Content Security Policy, Firefox says "blocked by CSP", Safari "Refused to create a WebAssembly object".
    const blocked = /content security policy|\bcsp\b|refused to (compile|create)/i.test(detail);
    return { ok: false, problem: blocked ? 'blocked' : 'failed', reason: `the WebAssembly kernels could not be compiled: ${detail}` };
  }
}

export { at as byteAddress };
