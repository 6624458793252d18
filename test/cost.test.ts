import { expect, test } from 'vitest';
import { cellCost } from '../src/engine/cost';
import { Network, namedWeights } from '../src/engine';

test.each([
  ['rnn', {}], ['lstm', {}], ['lstm', { peephole: true }], ['gru', {}], ['gru', { resetAfter: true }],
] as const)('the %s %j parameter count is what the network holds', (cell, options) => {
  const net = new Network({ cell, inputSize: 3, hiddenSize: 7, outputSize: 2, peephole: false, resetAfter: false, ...options });
  const held = namedWeights(net).filter((w) => w.inFile).reduce((n, w) => n + w.w.length, 0);
  expect(cellCost(cell, 3, 7, 2, options).params).toBe(held);
});

test('the GRU costs about three quarters of the LSTM, the RNN about a quarter, at H = 128', () => {
  const lstm = cellCost('lstm', 1, 128, 1);
  const gru = cellCost('gru', 1, 128, 1);
  const rnn = cellCost('rnn', 1, 128, 1);
  expect(gru.params / lstm.params).toBeCloseTo(0.75, 2);
  expect(gru.forwardFlops / lstm.forwardFlops).toBeGreaterThan(0.7);
  expect(gru.forwardFlops / lstm.forwardFlops).toBeLessThan(0.8);
  expect(rnn.backwardFlops / lstm.backwardFlops).toBeLessThan(0.3);
  // Hand count for the LSTM forward at I = 1, H = 128, O = 1: 2·4·128·129 + 2·128 + 9·128.
  expect(lstm.forwardFlops).toBe(2 * 4 * 128 * 129 + 2 * 128 + 9 * 128);
});
