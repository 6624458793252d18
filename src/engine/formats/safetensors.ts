/**
 * The safetensors file (https://github.com/huggingface/safetensors), read and written with no
 * library: 8 bytes of header length N (u64, little-endian), N bytes of JSON naming each tensor's
 * dtype, shape and byte range [begin, end) in the data that follows, then the data. An optional
 * "__metadata__" entry maps strings to strings. The reader checks every length against the header
 * before it touches the data, and reads F32, F64, F16 and BF16 (little-endian) into float64.
 */
import { MAX_JSON_DEPTH, jsonDepth } from '../validate';
import { formatError as fail } from './problems';

/** The dtypes read, with their sizes in bytes. */
export const FLOAT_DTYPES = { F32: 4, F64: 8, F16: 2, BF16: 2 } as const;
export type FloatDType = keyof typeof FLOAT_DTYPES;

/** One tensor as read: its dtype in the file, its shape, its values in row-major order. */
export interface Tensor {
  readonly dtype: FloatDType;
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

export interface SafetensorsFile {
  /** In the file's order (by byte offset). */
  readonly tensors: ReadonlyMap<string, Tensor>;
  readonly metadata: Readonly<Record<string, string>>;
}


/** The header is at most this long (the reference implementation's limit). */
export const MAX_HEADER_BYTES = 100_000_000;

/**
 * Whether these bytes begin like a safetensors file: a plausible header length, then "{". (A
 * header longer than the file still counts, so that its reader can say so; JSON text read as a
 * length is far beyond the limit.)
 */
export function looksLikeSafetensors(bytes: Uint8Array): boolean {
  if (bytes.length < 9) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  return n >= 2 && n <= MAX_HEADER_BYTES && bytes[8] === 0x7b;
}

/** IEEE half precision to a number. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? Number.NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** bfloat16 (the top half of a float32) to a number. */
export function bfloat16ToNumber(bits: number, scratch = new DataView(new ArrayBuffer(4))): number {
  scratch.setUint32(0, bits << 16, true);
  return scratch.getFloat32(0, true);
}

function decode(view: DataView, dtype: FloatDType, begin: number, count: number): Float64Array {
  const out = new Float64Array(count);
  const scratch = new DataView(new ArrayBuffer(4));
  for (let k = 0; k < count; k++) {
    switch (dtype) {
      case 'F32': out[k] = view.getFloat32(begin + 4 * k, true); break;
      case 'F64': out[k] = view.getFloat64(begin + 8 * k, true); break;
      case 'F16': out[k] = halfToNumber(view.getUint16(begin + 2 * k, true)); break;
      case 'BF16': out[k] = bfloat16ToNumber(view.getUint16(begin + 2 * k, true), scratch); break;
    }
  }
  return out;
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/** Read a safetensors file; any inconsistency is a FormatError that names the tensor. */
export function readSafetensors(bytes: Uint8Array): SafetensorsFile {
  if (bytes.length < 8) throw fail({ kind: 'tooShort', bytes: bytes.length });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  if (n > MAX_HEADER_BYTES) throw fail({ kind: 'headerTooLong', bytes: n, max: MAX_HEADER_BYTES });
  if (8 + n > bytes.length) throw fail({ kind: 'headerPastEnd', bytes: n, have: bytes.length - 8 });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n));
  } catch {
    throw fail({ kind: 'headerNotUtf8' });
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw fail({ kind: 'headerTooDeep', limit: MAX_JSON_DEPTH });
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (e) {
    throw fail({ kind: 'headerNotJson', detail: (e as Error).message.split('\n')[0]! });
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw fail({ kind: 'headerNotObject' });
  const dataStart = 8 + n;
  const dataBytes = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const entries: { name: string; dtype: FloatDType; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, value] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail({ kind: 'metadataNotStrings', key: null });
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== 'string') throw fail({ kind: 'metadataNotStrings', key: k });
        metadata[k] = v;
      }
      continue;
    }
    const t = value as { dtype?: unknown; shape?: unknown; data_offsets?: unknown } | null;
    if (typeof t !== 'object' || t === null) throw fail({ kind: 'tensorMalformed', name, what: 'entry' });
    if (typeof t.dtype !== 'string') throw fail({ kind: 'tensorMalformed', name, what: 'dtype' });
    if (!Object.hasOwn(FLOAT_DTYPES, t.dtype)) {
      throw fail({ kind: 'dtypeNotRead', name, dtype: JSON.stringify(t.dtype).slice(0, 20) });
    }
    const dtype = t.dtype as FloatDType;
    if (!Array.isArray(t.shape) || !t.shape.every(isCount)) throw fail({ kind: 'tensorMalformed', name, what: 'shape' });
    const offsets = t.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
      throw fail({ kind: 'tensorMalformed', name, what: 'offsets' });
    }
    const shape = t.shape as number[];
    const count = shape.reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(count * FLOAT_DTYPES[dtype])) throw fail({ kind: 'tensorMalformed', name, what: 'shape' });
    const [begin, end] = offsets as [number, number];
    if (end - begin !== count * FLOAT_DTYPES[dtype]) {
      throw fail({ kind: 'lengthMismatch', name, shape: shape.join('×') || '()', dtype, need: count * FLOAT_DTYPES[dtype], got: end - begin });
    }
    if (end > dataBytes) throw fail({ kind: 'dataPastEnd', name, end, have: dataBytes });
    entries.push({ name, dtype, shape, begin, end });
  }
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (const e of entries) {
    if (e.begin < covered) throw fail({ kind: 'overlap', name: e.name });
    if (e.begin > covered) throw fail({ kind: 'hole', from: covered, to: e.begin });
    covered = e.end;
  }
  if (covered !== dataBytes) throw fail({ kind: 'unaccounted', covered, have: dataBytes });
  const tensors = new Map<string, Tensor>();
  for (const e of entries) {
    const count = (e.end - e.begin) / FLOAT_DTYPES[e.dtype];
    tensors.set(e.name, { dtype: e.dtype, shape: e.shape, data: decode(view, e.dtype, dataStart + e.begin, count) });
  }
  return { tensors, metadata };
}

/** One tensor to write, as float32. */
export interface TensorOut {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
}

/** A safetensors file of float32 tensors, in the given order, the header padded to 8 bytes. */
export function writeSafetensors(tensors: readonly TensorOut[], metadata: Readonly<Record<string, string>> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`tensor ${t.name}: shape ${t.shape.join('×')} holds ${count} values, not ${t.data.length}`);
    header[t.name] = { dtype: 'F32', shape: [...t.shape], data_offsets: [offset, offset + 4 * count] };
    offset += 4 * count;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const spaced = new Uint8Array(padded).fill(0x20);
    spaced.set(json);
    json = spaced;
  }
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, json.length, true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of tensors) {
    for (let k = 0; k < t.data.length; k++, at += 4) view.setFloat32(at, t.data[k]!, true);
  }
  return out;
}
