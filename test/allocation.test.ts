/**
 * "The training step allocates nothing": in a child process whose young generation is too large
 * to be collected during the measurement, the heap must not grow across 300 training steps
 * (after 3000 warm-up steps that let the JIT optimise everything; the best of six windows in
 * which no collection ran, since a collection would hide what was allocated). One boxed number a step (the
 * loss that step() returns) is allowed; any buffer, array or per-parameter object would be
 * hundreds of bytes a step.
 */
import { expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';

const VARIANTS = [
  ['lstm', 'none', 'js'], ['lstm', 'peephole', 'js'], ['gru', 'none', 'js'], ['gru', 'reset-after', 'js'], ['rnn', 'none', 'js'], ['fnn', 'window-4', 'js'],
  ['lstm', 'FGR', 'js'], ['lstm', 'CIFG', 'js'], ['lstm', 'FGR', 'wasm'], ['lstm', 'NOAF', 'wasm'],
  ['lstm', 'intervened', 'wasm'], ['gru', 'intervened', 'wasm'],
  ['lstm', 'peephole', 'wasm'], ['gru', 'none', 'wasm'], ['gru', 'reset-after', 'wasm'], ['rnn', 'none', 'wasm'], ['fnn', 'window-4', 'wasm'],
] as const;

test.each(VARIANTS)('%s (%s), %s kernels: a training step leaves no garbage', (cell, variant, kernels) => {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64', '--import', 'tsx', 'test/support/allocationProbe.ts', cell, variant, kernels],
    { encoding: 'utf8' },
  );
  const { bytesPerStep, cleanWindows } = JSON.parse(out) as { bytesPerStep: number; cleanWindows: number };
  expect(cleanWindows).toBeGreaterThan(0);
  expect(bytesPerStep).toBeLessThan(64);
}, 60_000);
