/**
 * "Chrono initialisation" (Tallec & Ollivier 2018): remember the first input at T = 100 through
 * ±1.5 noise, at the usual forget bias of 1, with the gate biases drawn for T_max = 100: the LSTM
 * and the GRU learn; the RNN (no gate to set) stays at the baseline, on seeds 1–3. Without chrono,
 * the same GRU and the LSTM at bias 1 end at the baseline.
 */
import { describe, expect, test } from 'vitest';
import { PRESETS, claimHolds } from '../../src/presets';
import { runPreset } from '../support/presetRun';

const preset = PRESETS.find((p) => p.id === 'chrono')!;
const without = { ...preset, config: { ...preset.config, chrono: 0 } };

describe.each([1, 2, 3])('chrono, remember-first T = 100, noise 1.5, seed %i', (seed) => {
  test('the LSTM and the GRU keep the first input with chrono biases; without, the GRU and the LSTM at bias 1 do not', () => {
    expect(preset.config).toMatchObject({ task: 'remember-first', length: 100, noise: 1.5, forgetBias: 1, chrono: 100 });
    const rnn = runPreset(preset, 'rnn', seed);
    const lstm = runPreset(preset, 'lstm', seed);
    const gru = runPreset(preset, 'gru', seed);
    expect(claimHolds(preset.claims.rnn!, rnn.ratio)).toBe(true);
    expect(claimHolds(preset.claims.lstm!, lstm.ratio)).toBe(true);
    expect(claimHolds(preset.claims.gru!, gru.ratio)).toBe(true);
    expect(runPreset(without, 'gru', seed).ratio).toBeGreaterThan(0.9);
    expect(runPreset(without, 'lstm', seed).ratio).toBeGreaterThan(0.9);
  }, 400_000);
});
