/**
 * The classic contrast of Hochreiter & Schmidhuber (1997), on a fixed seed: on the adding
 * problem at T = 100 the LSTM and the GRU learn (held-out loss below 10% of the baseline of
 * always predicting the mean), the vanilla RNN does not (above 50%).
 * H = 16, B = 16, Adam at learning rate 0.01, clipping at 1, 3000 steps: about a minute in all.
 */
import { expect, test } from 'vitest';
import { Network, Rng, Trainer, evaluate, initNetwork, makeTask, type CellKind } from '../src/engine';

function trainAdding(cell: CellKind, seed: number): number {
  const task = makeTask({ name: 'adding', length: 100 });
  const net = new Network({ cell, inputSize: 2, hiddenSize: 16, outputSize: 1, peephole: false, resetAfter: false });
  const rng = new Rng(seed);
  initNetwork(net, rng);
  const trainer = new Trainer(net, task, 16, { kind: 'adam', lr: 0.01, clip: 1 }, rng.fork());
  for (let step = 0; step < 3000; step++) trainer.step();
  const { loss, baseline } = evaluate(net, task);
  expect(baseline).toBeGreaterThan(0.14); // ≈ 1/6
  return loss / baseline;
}

const SEED = 1;

test.each([
  ['lstm', 'below', 0.1],
  ['gru', 'below', 0.1],
  ['rnn', 'above', 0.5],
] as const)('adding problem, T = 100: the %s ends %s %f of the baseline', (cell, side, bound) => {
  const ratio = trainAdding(cell, SEED);
  console.log(`adding T=100, seed ${SEED}: ${cell} held-out loss / baseline = ${ratio.toFixed(4)}`);
  if (side === 'below') expect(ratio).toBeLessThan(bound);
  else expect(ratio).toBeGreaterThan(bound);
}, 180_000);
