/**
 * Runs a comparison preset for one cell and seed exactly as the comparison worker does
 * (a TrainingSession on the preset's config), and measures what the comparison reports.
 */
import { evaluate, log10GradientRatio } from '../../src/engine';
import { TrainingSession } from '../../src/worker/session';
import { runConfig, type Preset, type RunId } from '../../src/presets';

export interface PresetOutcome {
  /** Held-out loss ÷ baseline after the preset's steps. */
  ratio: number;
  /** log10 ‖∂L/∂h_1‖/‖∂L/∂h_T‖ at initialisation and after training. */
  reachInit: number;
  reachTrained: number;
}

export function runPreset(preset: Preset, id: RunId, seed: number): PresetOutcome {
  const session = new TrainingSession(runConfig({ ...preset.config, seed }, id));
  const reachInit = log10GradientRatio(session.net, session.task);
  while (session.steps < preset.steps) {
    if (!session.trainStep()) throw new Error(`${preset.id} ${id} seed ${seed}: diverged at step ${session.steps}`);
  }
  const { loss, baseline } = evaluate(session.net, session.task);
  const outcome = { ratio: loss / baseline, reachInit, reachTrained: log10GradientRatio(session.net, session.task) };
  console.log(
    `${preset.id}, ${id}, seed ${seed}: loss/baseline ${outcome.ratio.toFixed(4)}; ` +
      `log10 gradient ratio ${reachInit.toFixed(2)} at init, ${outcome.reachTrained.toFixed(2)} trained`,
  );
  return outcome;
}
