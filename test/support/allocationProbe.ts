/**
 * Run by test/allocation.test.ts in a child process with --expose-gc and a young generation
 * large enough that no collection happens during the measured steps: prints how many heap
 * bytes each training step leaves behind, after a warm-up that lets the JIT settle.
 */
import { Network, Rng, Trainer, initNetwork, makeTask, type CellKind } from '../../src/engine';

const [cell, variant] = process.argv.slice(2) as [CellKind, string | undefined];
const task = makeTask({ name: 'adding', length: 30 });
const net = new Network({
  cell, inputSize: 2, hiddenSize: 12, outputSize: 1,
  peephole: variant === 'peephole', resetAfter: variant === 'reset-after',
});
const rng = new Rng(1);
initNetwork(net, rng);
const trainer = new Trainer(net, task, 8, { kind: 'adam', lr: 0.01, clip: 1 }, rng.fork());
const warmUp = Number(process.argv[4] ?? 3000);
for (let i = 0; i < warmUp; i++) trainer.step();
const steps = 400;
(globalThis as { gc?: () => void }).gc?.();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < steps; i++) trainer.step();
const after = process.memoryUsage().heapUsed;
process.stdout.write(`${JSON.stringify({ bytesPerStep: (after - before) / steps })}\n`);
