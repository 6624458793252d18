/**
 * Measures the LSTM variants of Greff et al. (2017) here: each trains on one task with one seed,
 * as a comparison run does (a TrainingSession on the config), and prints held-out loss ÷ the
 * baseline of predicting the mean. Used to decide what the "Take the LSTM apart" comparison may
 * claim (test/presets/variants.test.ts then checks the claim on seeds 1–3).
 *   npx tsx scripts/measureVariants.ts TASK STEPS [seeds…]   (TASK: adding | remember-first | timed-pulse | sine)
 */
import { evaluate } from '../src/engine';
import { GREFF_VARIANTS, variantSwitches } from '../src/engine/spec';
import { TrainingSession } from '../src/worker/session';
import { DEFAULT_CONFIG } from '../src/store';
import type { RunConfig } from '../src/worker/protocol';

const SETUPS: Record<string, Partial<RunConfig>> = {
  adding: { task: 'adding', length: 100 },
  'remember-first': { task: 'remember-first', length: 50, noise: 1.5, lr: 0.005 },
  'timed-pulse': { task: 'timed-pulse', length: 50, pulseDelay: 15, pulseWidth: 5 },
  sine: { task: 'sine', length: 40 },
};

const [task = 'adding', stepsText = '3000', ...seedTexts] = process.argv.slice(2);
const steps = Number(stepsText);
const seeds = seedTexts.length > 0 ? seedTexts.map(Number) : [1, 2, 3];
for (const variant of GREFF_VARIANTS) {
  const ratios: string[] = [];
  for (const seed of seeds) {
    const config: RunConfig = { ...DEFAULT_CONFIG, hidden: 16, ...SETUPS[task], cell: 'lstm', ...variantSwitches(variant), seed };
    const session = new TrainingSession(config);
    let diverged = false;
    while (session.steps < steps) if (!session.trainStep()) { diverged = true; break; }
    const { loss, baseline } = evaluate(session.net, session.task);
    ratios.push(diverged ? 'diverged' : (loss / baseline).toFixed(4));
  }
  console.log(`${task} ${steps} ${variant.padEnd(5)} ${ratios.join('  ')}`);
}
