/**
 * "The training step allocates nothing": in a child process whose young generation is too large
 * to be collected during the measurement, the heap must not grow across 400 training steps
 * (after 3000 warm-up steps that let the JIT optimise everything). One boxed number a step (the
 * loss that step() returns) is allowed; any buffer, array or per-parameter object would be
 * hundreds of bytes a step.
 */
import { expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';

const VARIANTS = [['lstm', 'none'], ['lstm', 'peephole'], ['gru', 'none'], ['gru', 'reset-after'], ['rnn', 'none']] as const;

test.each(VARIANTS)('%s (%s): a training step leaves no garbage', (cell, variant) => {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--min-semi-space-size=64', '--max-semi-space-size=64', '--import', 'tsx', 'test/support/allocationProbe.ts', cell, variant],
    { encoding: 'utf8' },
  );
  const { bytesPerStep } = JSON.parse(out) as { bytesPerStep: number };
  expect(bytesPerStep).toBeLessThan(64);
}, 60_000);
