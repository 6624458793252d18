import { expect, test } from 'vitest';
import { fitDecay, lastTargetStep, stepNorms, F32_TINY } from '../src/engine/gradientStats';

test('step norms are the L2 norms of each row', () => {
  const v = Float32Array.from([3, 4, 0, 0, 1, 0]);
  expect(Array.from(stepNorms(v, 3, 2))).toEqual([5, 0, 1]);
});

test('a geometric decay is fitted exactly, and zeros or tiny values are left out of the fit', () => {
  const T = 30;
  const norms = Float64Array.from({ length: T }, (_, k) => 2 * 0.61 ** (T - 1 - k));
  const fit = fitDecay(norms)!;
  expect(fit.perStep).toBeCloseTo(0.61, 10);
  expect([fit.from, fit.to]).toEqual([1, 30]);
  norms[0] = 0;
  norms[1] = F32_TINY / 2;
  const again = fitDecay(norms)!;
  expect(again.perStep).toBeCloseTo(0.61, 10);
  expect(again.from).toBe(3);
  expect(fitDecay(Float64Array.from([0, 0, 1]))).toBeNull();
});

test('the last step with a target', () => {
  expect(lastTargetStep(Uint8Array.from([0, 1, 0, 0]), 4)).toBe(2);
  expect(lastTargetStep(Uint8Array.from([1, 1, 1]), 3)).toBe(3);
  expect(lastTargetStep(Uint8Array.from([0, 0]), 2)).toBe(1);
});
