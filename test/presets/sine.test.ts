/** "Sine wave": a short-memory task that all three cells learn within the preset's 1000 steps, on seeds 1–3. */
import { describe, expect, test } from 'vitest';
import { PRESETS, claimHolds } from '../../src/presets';
import { runPreset } from '../support/presetRun';

const preset = PRESETS.find((p) => p.id === 'sine')!;

describe.each([1, 2, 3])('sine, T = 40, seed %i', (seed) => {
  test.each(['rnn', 'lstm', 'gru'] as const)('the %s learns', (cell) => {
    const { ratio } = runPreset(preset, cell, seed);
    expect(claimHolds(preset.claims[cell]!, ratio)).toBe(true);
    expect(ratio).toBeLessThan(0.05);
  }, 60_000);
});
