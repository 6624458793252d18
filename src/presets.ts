/**
 * The comparison presets: one click sets the task and the initialisation and trains the RNN,
 * the LSTM and the GRU side by side for a fixed number of steps. Each preset makes a claim
 * about how the cells end (held-out loss ÷ the baseline of always predicting the mean), and
 * test/presets/*.test.ts checks that claim on seeds 1, 2 and 3 with the same code the page runs.
 */
import type { CellKind } from './engine/spec';
import type { RunConfig } from './worker/protocol';

export type PresetId = 'adding' | 'remember-first' | 'sine';

/** Where a cell's held-out loss ÷ baseline must end. */
export type Claim = { readonly below: number } | { readonly above: number };

export interface Preset {
  readonly id: PresetId;
  readonly title: string;
  /** Why these settings, and what to look at. */
  readonly explanation: string;
  /** The whole training setup but the cell, so that runs reproduce. */
  readonly config: Omit<RunConfig, 'cell'>;
  /** Training steps per cell. */
  readonly steps: number;
  /** Checked on seeds 1–3 by the tests. */
  readonly claims: Readonly<Record<CellKind, Claim>>;
}

/** Shared by every preset: the setup the claims were measured with. */
const SETUP = {
  hidden: 16, batch: 16, lr: 0.01, optimizer: 'adam', clip: 1, seed: 1, recurrentScale: 1,
  peephole: false, resetAfter: false, forgetFixed: false,
} as const satisfies Partial<RunConfig>;

export const PRESETS: readonly Preset[] = [
  {
    id: 'adding',
    title: 'Vanishing gradients: the adding problem (T = 100)',
    explanation:
      'Two of the 100 inputs are marked; the answer, asked at the last step, is their sum. One marked value sits in the ' +
      'first half, so the error must travel back 50 steps or more to teach the network which inputs count. ' +
      'The RNN’s error signal shrinks at every step and it ends where it started, predicting the mean; the LSTM ' +
      'and the GRU learn. Watch the gradient curves: the RNN’s drops by many orders of magnitude, the others stay level. ' +
      'Orthogonal recurrent weights and a forget bias of 1 are the usual starting point, not a handicap for the RNN.',
    config: { ...SETUP, task: 'adding', length: 100, noise: 0, forgetBias: 1 },
    steps: 3000,
    claims: { rnn: { above: 0.5 }, lstm: { below: 0.1 }, gru: { below: 0.1 } },
  },
  {
    id: 'remember-first',
    title: 'Remember the first input (T = 50): when does memory survive?',
    explanation:
      'The answer is the first input; the 49 after it are noise in [−1, 1]. Memory survives only where a gate starts ' +
      'open: the LSTM here starts with forget bias 3, so f ≈ σ(3) ≈ 0.95 and the cell state keeps most of its content ' +
      'at every step, and it learns. The GRU starts with its update gate half open (z ≈ 0.5), so half the memory ' +
      'is replaced at every step, and the RNN has no gate at all; both end near the baseline. ' +
      'That is why the preset uses bias 3: at the usual bias of 1 the LSTM learnt on one seed of three, at 0 on none. ' +
      'Without the noise (noise 0) even the RNN learns, because orthogonal weights carry a signal through zero inputs.',
    config: { ...SETUP, task: 'remember-first', length: 50, noise: 1, forgetBias: 3 },
    steps: 3000,
    claims: { rnn: { above: 0.3 }, lstm: { below: 0.1 }, gru: { above: 0.5 } },
  },
  {
    id: 'sine',
    title: 'Sine wave (the article’s example)',
    explanation:
      'Predict the next value of a sine wave. Each step needs only the last few, so nothing has to be carried far and ' +
      'all three cells learn it within 1000 steps. Here the cells differ in cost, not in what they can learn: ' +
      'see the cost panel. With a loss at every step the gradient ratio says little, since every step gets its own error.',
    config: { ...SETUP, task: 'sine', length: 40, noise: 0, forgetBias: 1 },
    steps: 1000,
    claims: { rnn: { below: 0.05 }, lstm: { below: 0.05 }, gru: { below: 0.05 } },
  },
];

/** The runs of a comparison: one per cell, and optionally the LSTM with peepholes. */
export type RunId = CellKind | 'lstm-peephole';

/** The config of one compared run: the shared setup with this run's cell. */
export function runConfig(setup: Omit<RunConfig, 'cell'>, id: RunId): RunConfig {
  // The 1997 LSTM and the reset-after GRU are variants to explore on their own, not compared.
  const shared = { ...setup, forgetFixed: false, resetAfter: false };
  return id === 'lstm-peephole' ? { ...shared, cell: 'lstm', peephole: true } : { ...shared, cell: id, peephole: false };
}

export function claimHolds(claim: Claim, ratio: number): boolean {
  return 'below' in claim ? ratio < claim.below : ratio > claim.above;
}
