/**
 * Typed-array primitives shared by the whole engine: the float type, and a parameter
 * as a `{w, dw}` pair (value and gradient), as in recurrentjs.
 */

/** Float32 for training and display; Float64 for gradient checks and reference traces. */
export type DType = 'f32' | 'f64';

/** A flat float buffer of either precision. */
export type FloatArray = Float32Array | Float64Array;

/** Allocate a zeroed buffer of `n` floats in the given precision. */
export function alloc(dtype: DType, n: number): FloatArray {
  return dtype === 'f32' ? new Float32Array(n) : new Float64Array(n);
}

/** A row-major weight matrix (or a vector, with cols = 1) and its gradient. */
export interface Param {
  /** Name of the fused block, for messages and tests (not for lookups). */
  readonly label: string;
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** The value, rows × cols, row-major. */
  readonly w: FloatArray;
  /** ∂L/∂w, same layout; accumulated by backward, cleared by zeroGrad. */
  readonly dw: FloatArray;
}

/** Allocates buffers: the JS heap (`alloc`), or a backend's arena. */
export type Allocate = (dtype: DType, n: number) => FloatArray;

export function makeParam(dtype: DType, label: string, rows: number, cols: number, allocate: Allocate = alloc): Param {
  return { label, rows, cols, w: allocate(dtype, rows * cols), dw: allocate(dtype, rows * cols) };
}
