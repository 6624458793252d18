/**
 * Run by test/allocation.test.ts in a child process with --expose-gc and a young generation
 * large enough that no collection should happen during the measured steps: prints how many
 * heap bytes each training step leaves behind, in the best of several windows of steps in
 * which no collection ran (a collection would hide allocation), after a warm-up that lets the
 * JIT optimise everything.
 */
import { LSTM_CHANGES, type LstmChange } from '../../src/engine/spec';
import { PerformanceObserver } from 'node:perf_hooks';
import { Rng, Trainer, initNetwork, makeTask, type CellKind } from '../../src/engine';
import { placeNetwork } from '../../src/engine/placement';
import type { KernelKind } from '../../src/engine/backend';

const gc = (globalThis as { gc?: () => void }).gc;
if (typeof gc !== 'function') {
  process.stderr.write('run with --expose-gc\n');
  process.exit(1);
}
const collections: number[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) collections.push(entry.startTime);
});
observer.observe({ entryTypes: ['gc'] });

const [cell, variant, kernels, warmUpArg] = process.argv.slice(2) as [CellKind, string, KernelKind, string | undefined];
const task = makeTask({ name: 'adding', length: 30 });
const placed = placeNetwork(kernels, {
  cell, inputSize: 2, hiddenSize: 12, outputSize: 1,
  peephole: variant === 'peephole' || (LSTM_CHANGES as readonly string[]).includes(variant), resetAfter: variant === 'reset-after',
  change: (LSTM_CHANGES as readonly string[]).includes(variant) ? (variant as LstmChange) : undefined,
  window: variant.startsWith('window-') ? Number(variant.slice('window-'.length)) : undefined,
}, [{ T: 30, B: 8 }]);
if (!placed.ok) {
  process.stderr.write(`${placed.reason}\n`);
  process.exit(1);
}
const net = placed.net;
// With interventions on, the cells run their JS gate code: it must allocate nothing either.
if (variant === 'intervened') {
  net.interventions.clamp(1, 'all', 0.9);
  net.interventions.ablate(0, true);
}
const rng = new Rng(1);
initNetwork(net, rng);
const trainer = new Trainer(net, task, 8, { kind: 'adam', lr: 0.01, clip: 1 }, rng.fork());
if ((kernels === 'wasm') !== (trainer.ws.simd !== null)) {
  process.stderr.write(`the trainer does not run the ${kernels} kernels\n`);
  process.exit(1);
}
const warmUp = Number(warmUpArg ?? 3000);
for (let i = 0; i < warmUp; i++) trainer.step();
// Several measured windows: a JIT still compiling in the background (on a busy machine) can
// only make a window allocate more, so the best window is the engine's own figure.
const steps = 300;
const windows: { start: number; end: number; bytesPerStep: number }[] = [];
for (let w = 0; w < 6; w++) {
  gc();
  const start = performance.now();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < steps; i++) trainer.step();
  const after = process.memoryUsage().heapUsed;
  windows.push({ start, end: performance.now(), bytesPerStep: (after - before) / steps });
}
// GC entries arrive asynchronously; give them a moment.
setTimeout(() => {
  observer.disconnect();
  const clean = windows.filter((w) => !collections.some((t) => t >= w.start && t <= w.end));
  const bytesPerStep = Math.min(...clean.map((w) => w.bytesPerStep));
  process.stdout.write(`${JSON.stringify({ bytesPerStep, cleanWindows: clean.length })}\n`);
}, 200);
