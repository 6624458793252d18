/**
 * "Take the LSTM apart" (Greff et al. 2017, on this engine): the claims of the two variant
 * presets, on seeds 1–3, with the code the comparison runs. On the adding problem (T = 100) the
 * LSTM without its input gate (NIG) stays at the baseline while V, NP and CIFG learn; remembering
 * the first input at forget bias 1, V fails where the LSTM without a forget gate (NFG) and the
 * one with full gate recurrence (FGR) learn. The runs without a claim are not trained here.
 */
import { describe, expect, test } from 'vitest';
import { PRESETS, claimHolds, type RunId } from '../../src/presets';
import { runPreset } from '../support/presetRun';

describe.each(['take-apart', 'no-forget'] as const)('%s', (id) => {
  const preset = PRESETS.find((p) => p.id === id)!;
  const claimed = Object.keys(preset.claims) as RunId[];
  test.each([1, 2, 3])('seed %i: every claimed variant ends where the preset says', (seed) => {
    expect(preset.runs).toEqual(['V', 'NIG', 'NFG', 'NOG', 'NIAF', 'NOAF', 'NP', 'CIFG', 'FGR']);
    for (const run of claimed) {
      const { ratio } = runPreset(preset, run, seed);
      expect(claimHolds(preset.claims[run]!, ratio), `${run}: ${ratio}`).toBe(true);
    }
  }, 300_000);
});
