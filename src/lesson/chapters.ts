/**
 * The lesson's chapters: for each, the network it sets up (config and training budget, from
 * its seed, so a link to the chapter reproduces it), the networks trained beside it when its
 * evidence needs a second one, where the cursor goes, and what it points at. The words are in
 * the messages (src/i18n/lesson*.ts); the evidence is computed by src/lesson/evidence.ts. Every
 * setup was measured first and its claim is tested on seeds 1–3 (test/lesson/*.test.ts).
 */
import type { RunConfig } from '../worker/protocol';
import type { CompareRun } from '../worker/compareProtocol';
import type { NodeId } from '../snapshot/values';
import { CHAPTER_IDS, type ChapterId } from './chapterIds';

export { CHAPTER_IDS, type ChapterId } from './chapterIds';

/** The views a chapter can point at (each panel carries its id as data-view). */
export type ViewId =
  | 'controls' | 'rolled' | 'unrolled' | 'loss' | 'prediction' | 'equations' | 'gradient'
  | 'gradientByStep' | 'heatmaps' | 'comparison' | 'cost';

export interface ChapterSetup {
  /** The network on screen, trained from its seed for `steps` training steps (0: left untrained). */
  readonly config: RunConfig;
  readonly steps: number;
  /** Networks trained beside it in the comparison workers, when the evidence needs more than one. */
  readonly companions: readonly CompareRun[];
  /** Where the cursor goes once the network is set up. */
  readonly cursor: { readonly t: number | 'last'; readonly unit: number };
  /** Time a training step of each cell (the cost chapter). */
  readonly measureCost?: boolean;
  /** Score the live network on the held-out set once it is set up (its evidence compares held-out losses). */
  readonly evaluate?: boolean;
  /** The reader's action the evidence waits for, when it needs one. */
  readonly action?: 'fix-forget';
}

export interface Chapter {
  readonly id: ChapterId;
  readonly setup: ChapterSetup;
  /** The views it is about: highlighted and scrolled to, the others quieted. */
  readonly views: readonly ViewId[];
  /** The nodes of the diagrams it points at. */
  readonly nodes: readonly NodeId[];
}

/** What every chapter shares unless it says otherwise. */
const BASE: RunConfig = {
  cell: 'lstm', peephole: false, resetAfter: false, forgetFixed: false, hidden: 16, window: 4,
  task: 'remember-first', length: 20, noise: 0, pulseDelay: 15, pulseWidth: 5,
  lr: 0.01, optimizer: 'adam', batch: 16, clip: 1, seed: 1, forgetBias: 1, recurrentScale: 1,
};

const run = (id: CompareRun['id'], config: RunConfig, steps: number, probe = false): CompareRun => ({ id, config, steps, ...(probe ? { probe } : {}) });

/**
 * The long-lag task of the vanishing-gradient, CEC and GRU chapters: the adding problem over
 * 100 steps. At lr 0.02 the LSTM and the GRU learn it within 1500 steps on seeds 1–3.
 */
const LONG_LAG: RunConfig = { ...BASE, task: 'adding', length: 100, lr: 0.02 };
/**
 * The RNN of the vanishing-gradient chapter, at half the long-lag rate: after 500 steps its first
 * step hears 10⁻¹¹ or less of the error on seeds 1–3 (at lr 0.02 its training was unstable, and on
 * seed 2 the gradient reached step 1 almost whole at step 400).
 */
const VANISHING: RunConfig = { ...LONG_LAG, cell: 'rnn', lr: 0.01 };
const VANISHING_STEPS = 500;
const GRU_STEPS = 1500;

/** Remember the first input 9 steps back, through a window of 4: the FNN cannot see it, the RNN learns it. */
const FNN: RunConfig = { ...BASE, cell: 'fnn', window: 4, length: 10, hidden: 8 };
const FNN_STEPS = 600;

/** Remember the first input through 19 noisy distractors (the weight conflict). */
const CONFLICT: RunConfig = { ...BASE, cell: 'rnn', length: 20, noise: 1 };
/** The LSTM beside it trains; the RNN stays untrained (its conflict is there from the start). */
const CONFLICT_LSTM_STEPS = 800;

/** The 1997 LSTM (f = 1) with small recurrent weights, briefly trained: the error rides back along c. */
const CEC: RunConfig = { ...LONG_LAG, forgetFixed: true, recurrentScale: 0.1, hidden: 8, lr: 0.003 };
const CEC_STEPS = 50;

/** A long stream (a sine over 100 steps), where a memory that never forgets keeps adding up. */
const FORGET: RunConfig = { ...BASE, task: 'sine', length: 100 };
const FORGET_STEPS = 250;

/**
 * A timing task (after Gers, Schraudolph & Schmidhuber 2002): fire for 5 steps, 15 steps after a
 * trigger. A small LSTM (H = 4) whose gates can see c learns the timing more exactly.
 */
const PEEPHOLE: RunConfig = { ...BASE, task: 'timed-pulse', length: 50, hidden: 4, batch: 32, forgetBias: 2, peephole: true };
const PEEPHOLE_STEPS = 2000;

export const CHAPTERS: readonly Chapter[] = [
  {
    id: 'fnn',
    setup: {
      config: FNN, steps: FNN_STEPS, cursor: { t: 'last', unit: 0 }, evaluate: true,
      companions: [run('rnn', { ...FNN, cell: 'rnn' }, FNN_STEPS)],
    },
    views: ['rolled', 'unrolled', 'comparison'],
    nodes: ['x', 'h'],
  },
  {
    id: 'notation',
    setup: { config: { ...BASE, cell: 'rnn', task: 'sine', length: 20, hidden: 8 }, steps: 200, companions: [], cursor: { t: 5, unit: 0 } },
    views: ['rolled', 'unrolled'],
    nodes: ['h'],
  },
  {
    id: 'vanishing',
    setup: { config: VANISHING, steps: VANISHING_STEPS, companions: [], cursor: { t: 'last', unit: 0 } },
    views: ['gradient', 'unrolled'],
    nodes: ['h'],
  },
  {
    id: 'conflict',
    setup: {
      config: CONFLICT, steps: 0, cursor: { t: 1, unit: 0 },
      companions: [run('lstm', { ...CONFLICT, cell: 'lstm' }, CONFLICT_LSTM_STEPS, true)],
    },
    views: ['gradientByStep'],
    nodes: ['x', 'h'],
  },
  {
    id: 'cec',
    setup: {
      config: CEC, steps: CEC_STEPS, cursor: { t: 'last', unit: 0 },
      companions: [run('rnn', VANISHING, VANISHING_STEPS)],
    },
    views: ['gradient', 'rolled'],
    nodes: ['c'],
  },
  {
    id: 'gates',
    setup: { config: { ...BASE, task: 'sine', length: 20, hidden: 8 }, steps: 300, companions: [], cursor: { t: 10, unit: 0 } },
    views: ['rolled', 'unrolled', 'equations'],
    nodes: ['i', 'f', 'o', 'g'],
  },
  {
    id: 'forget',
    setup: { config: FORGET, steps: FORGET_STEPS, companions: [], cursor: { t: 'last', unit: 0 }, action: 'fix-forget' },
    // The settings first: the switch the chapter asks for is there.
    views: ['controls', 'heatmaps'],
    nodes: ['f', 'c'],
  },
  {
    id: 'peephole',
    setup: {
      config: PEEPHOLE, steps: PEEPHOLE_STEPS, cursor: { t: 20, unit: 0 }, evaluate: true,
      companions: [run('lstm', { ...PEEPHOLE, peephole: false }, PEEPHOLE_STEPS)],
    },
    views: ['rolled', 'controls', 'comparison'],
    nodes: ['c', 'i', 'f', 'o'],
  },
  {
    id: 'gru',
    setup: {
      config: { ...LONG_LAG, cell: 'gru' }, steps: GRU_STEPS, cursor: { t: 'last', unit: 0 }, evaluate: true,
      companions: [run('lstm', { ...LONG_LAG, cell: 'lstm' }, GRU_STEPS)],
    },
    views: ['rolled', 'comparison'],
    nodes: ['z', 'r', 'g', 'h'],
  },
  {
    id: 'cost',
    setup: { config: { ...LONG_LAG, cell: 'gru', hidden: 64 }, steps: 0, companions: [], cursor: { t: 1, unit: 0 }, measureCost: true },
    views: ['cost'],
    nodes: [],
  },
];

if (CHAPTERS.map((c) => c.id).join() !== CHAPTER_IDS.join()) throw new Error('the chapters must follow CHAPTER_IDS');

/** The index (0-based) of chapter n (1-based), clamped to the chapters there are. */
export function chapterIndex(n: number): number {
  return Math.min(Math.max(Math.round(n), 1), CHAPTERS.length) - 1;
}
