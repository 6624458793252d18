import { evaluate } from './src/engine';
import { TrainingSession } from './src/worker/session';
import { PRESETS, runConfig } from './src/presets';
const preset = PRESETS.find((p) => p.id === 'remember-first')!;
const variants: [string, Record<string, number>, number][] = JSON.parse(process.argv[2]!);
for (const [name, patch, steps] of variants) {
  const rows: string[] = [];
  for (const kernels of ['wasm', 'js'] as const) for (const cell of ['lstm', 'rnn', 'gru'] as const) {
    const r: string[] = [];
    for (const seed of [1, 2, 3]) {
      const s = new TrainingSession(runConfig({ ...preset.config, ...patch, seed, kernels }, cell));
      while (s.steps < steps) if (!s.trainStep()) break;
      const { loss, baseline } = evaluate(s.net, s.task);
      r.push((loss / baseline).toFixed(3));
    }
    rows.push(`${kernels} ${cell}: ${r.join(' ')}`);
  }
  console.log(name, '|', rows.join(' | '));
}
