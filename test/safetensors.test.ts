/** The safetensors reader and writer: hand-made files, the half-precision formats by hand, and every malformed file named. */
import { describe, expect, test } from 'vitest';
import { bfloat16ToNumber, halfToNumber, looksLikeSafetensors, readSafetensors, writeSafetensors } from '../src/engine/formats/safetensors';

/** A file from a header object and raw data bytes. */
function file(header: unknown, data: number[] | Uint8Array = [], headerText = JSON.stringify(header)): Uint8Array {
  const text = new TextEncoder().encode(headerText);
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setUint32(0, text.length, true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}
const f32 = (...xs: number[]) => new Uint8Array(new Float32Array(xs).buffer);

describe('half precision, by hand', () => {
  test.each([
    [0x3c00, 1], [0xc000, -2], [0x3555, 0.333251953125], [0x7bff, 65504], [0x0001, 2 ** -24], [0x0400, 2 ** -14], [0x8000, -0], [0x7c00, Infinity],
  ])('F16 %s is %s', (bits, value) => expect(halfToNumber(bits)).toBe(value));
  test('F16 NaN', () => expect(halfToNumber(0x7e00)).toBeNaN());
  test.each([[0x3f80, 1], [0xc040, -3], [0x3eaa, 0.33203125], [0x7f80, Infinity]])('BF16 %s is %s', (bits, value) => expect(bfloat16ToNumber(bits)).toBe(value));
});

describe('reading', () => {
  test('every dtype read, in row-major order, with metadata; the header may be padded with spaces', () => {
    const data = new Uint8Array([...f32(1.5, -2), 0x00, 0x3c, 0x00, 0xc0, 0x80, 0x3f, ...new Uint8Array(new Float64Array([0.1]).buffer)]);
    const header = {
      __metadata__: { format: 'pt' },
      a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
      b: { dtype: 'F16', shape: [1, 2], data_offsets: [8, 12] },
      c: { dtype: 'BF16', shape: [], data_offsets: [12, 14] },
      d: { dtype: 'F64', shape: [1], data_offsets: [14, 22] },
    };
    const read = readSafetensors(file(header, data, `${JSON.stringify(header)}    `));
    expect(read.metadata).toEqual({ format: 'pt' });
    expect(Array.from(read.tensors.get('a')!.data)).toEqual([1.5, -2]);
    expect(Array.from(read.tensors.get('b')!.data)).toEqual([1, -2]);
    expect(read.tensors.get('b')!.shape).toEqual([1, 2]);
    expect(Array.from(read.tensors.get('c')!.data)).toEqual([1]);
    expect(Array.from(read.tensors.get('d')!.data)).toEqual([0.1]);
  });

  test('the writer\'s files read back, the header a multiple of 8 bytes; they are recognised by content', () => {
    const bytes = writeSafetensors([{ name: 'w', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] }, { name: 'b', shape: [2], data: [0.5, -0.25] }], { format: 'pt' });
    const n = new DataView(bytes.buffer).getUint32(0, true);
    expect(n % 8).toBe(0);
    expect(looksLikeSafetensors(bytes)).toBe(true);
    expect(looksLikeSafetensors(new TextEncoder().encode('{"format": "gatescope-model"}'))).toBe(false);
    const read = readSafetensors(bytes);
    expect(Array.from(read.tensors.get('w')!.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(read.tensors.get('w')!.dtype).toBe('F32');
    expect(Array.from(read.tensors.get('b')!.data)).toEqual([0.5, -0.25]);
  });
});

describe('odd but valid, and recognised when cut short', () => {
  test('an empty tensor at the same offset as another reads in either order', () => {
    for (const header of [{ b: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, a: { dtype: 'F32', shape: [0], data_offsets: [0, 0] } }, { a: { dtype: 'F32', shape: [0], data_offsets: [0, 0] }, b: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }]) {
      expect(readSafetensors(file(header, f32(2))).tensors.get('a')!.data.length).toBe(0);
    }
  });
  test('a file whose header runs past its end is still taken for a safetensors file, and says so', () => {
    const whole = writeSafetensors([{ name: 'w', shape: [2], data: [1, 2] }]);
    const cut = whole.subarray(0, 20);
    expect(looksLikeSafetensors(cut)).toBe(true);
    expect(() => readSafetensors(cut)).toThrow(/^its header should be \d+ bytes, but the file has only 12 after the length$/);
  });
});

describe('malformed files, each named', () => {
  const ok = { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } };
  const tooLong = new Uint8Array(16);
  new DataView(tooLong.buffer).setUint32(0, 1000, true);
  const huge = new Uint8Array(16);
  new DataView(huge.buffer).setUint32(4, 1, true);
  test.each<[string, Uint8Array, RegExp]>([
    ['shorter than the length', new Uint8Array([1, 2, 3]), /^the file is 3 bytes, shorter than the 8-byte header length$/],
    ['a header longer than the file', tooLong, /^its header should be 1000 bytes, but the file has only 8 after the length$/],
    ['a header beyond the limit', huge, /^its header would be 4294967296 bytes, more than the 100000000 allowed$/],
    ['a header that is not UTF-8', file(null, [], '\u0000').map((b, k) => (k === 8 ? 0xff : b)), /^its header is not UTF-8 text$/],
    ['a header that is not JSON', file(null, [], '{"a": '), /^its header is not JSON/],
    ['a header that is an array', file([1, 2]), /^its header is not a JSON object$/],
    ['a header nested deep', file(null, [], `{"a":${'['.repeat(40)}${']'.repeat(40)}}`), /^its header is nested more than 16 levels deep$/],
    ['metadata that is not strings', file({ __metadata__: { n: 1 } }), /^its __metadata__\.n is not a string$/],
    ['a dtype not read', file({ a: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, new Array(8).fill(0)), /^tensor a: dtype "I64" is not read \(F32, F64, F16 or BF16\)$/],
    ['no dtype', file({ a: { shape: [1], data_offsets: [0, 4] } }, new Array(4).fill(0)), /^tensor a: no dtype$/],
    ['a shape that is not sizes', file({ a: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, new Array(4).fill(0)), /^tensor a: its shape is not a list of sizes$/],
    ['offsets backwards', file({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 0] } }, new Array(4).fill(0)), /^tensor a: its data_offsets are not \[begin, end\]$/],
    ['a length that disagrees with the shape', file({ a: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, new Array(8).fill(0)), /^tensor a: shape 3 of F32 needs 12 bytes, its data_offsets give 8$/],
    ['data past the end', file(ok, new Array(4).fill(0)), /^tensor a: its data ends at byte 8, past the 4 bytes of data in the file$/],
    ['overlapping tensors', file({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, new Array(8).fill(0)), /^tensor b: its bytes overlap another tensor's$/],
    ['a hole', file({ a: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, new Array(8).fill(0)), /^bytes 0–4 of the data belong to no tensor$/],
    ['bytes after the last tensor', file(ok, new Array(12).fill(0)), /^the header accounts for 8 bytes of data, the file has 12$/],
    ['a shape whose size overflows', file({ a: { dtype: 'F32', shape: [...new Array(20).fill(2 ** 53 - 1), 0], data_offsets: [0, 0] } }), /^tensor a: its shape is not a list of sizes$/],
  ])('%s', (_name, bytes, message) => {
    expect(() => readSafetensors(bytes)).toThrow(message);
  });
});
