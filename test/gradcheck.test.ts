/** The in-app gradient check: it passes a healthy model and catches a wrong gradient. */
import { expect, test } from 'vitest';
import { checkGradients, compareWithFiniteDifferences } from '../src/engine/gradcheck';
import { Network, Rng, initNetwork, lossAndGrad, namedWeights, writeSequence } from '../src/engine';

function model(cell: 'lstm' | 'gru' | 'rnn', peephole = false) {
  const net = new Network({ cell, inputSize: 2, hiddenSize: 5, outputSize: 1, peephole, resetAfter: cell === 'gru' });
  const rng = new Rng(3);
  initNetwork(net, rng);
  for (const p of [net.b, net.P, net.bh]) for (let k = 0; k < p.w.length; k++) p.w[k] = rng.uniform(-0.5, 0.5);
  const inputs = Array.from({ length: 12 }, () => [rng.uniform(-1, 1), rng.uniform(-1, 1)]);
  const targets = inputs.map((_, t) => (t === 11 || t === 5 ? [rng.uniform(-1, 1)] : null));
  return { net, inputs, targets };
}

test.each([['lstm', true], ['lstm', false], ['gru', false], ['rnn', false]] as const)('a healthy %s (peepholes %s) passes: every error below 1e-5', (cell, peephole) => {
  const { net, inputs, targets } = model(cell, peephole);
  const report = checkGradients(net, inputs, targets);
  expect(report.map((r) => r.name)).toEqual(namedWeights(net).filter((w) => w.inFile).map((w) => w.name));
  for (const r of report) expect(r.maxRelError, r.name).toBeLessThan(1e-5);
});

test('a deliberately wrong gradient is caught, in the weight where it is wrong', () => {
  const { net, inputs, targets } = model('lstm');
  const f64 = new Network(net.spec, 'f64');
  f64.params().forEach((p, k) => p.w.set(net.params()[k]!.w));
  const ws = f64.createWorkspace(inputs.length, 1);
  writeSequence(ws, 0, inputs, targets);
  const lossNow = () => {
    f64.forward(ws);
    return lossAndGrad('mse', ws, 1);
  };
  lossNow();
  f64.zeroGrad();
  f64.backward(ws);
  const named = namedWeights(f64).filter((w) => w.inFile);
  const analytic = named.map((w) => Float64Array.from(w.dw));
  const uf = named.findIndex((w) => w.name === 'U_f');
  analytic[uf]![0] *= 1.05; // 5% off in one element, the first one the check samples
  const report = compareWithFiniteDifferences(
    named.map((w) => ({ name: w.name, size: w.w.length })),
    analytic,
    (w, index, eps) => {
      const keep = named[w]!.w[index]!;
      named[w]!.w[index] = keep + eps;
      const value = lossNow();
      named[w]!.w[index] = keep;
      return value;
    },
  );
  const bad = report.filter((r) => r.maxRelError > 1e-3).map((r) => r.name);
  expect(bad).toEqual(['U_f']);
  expect(report[uf]!.maxRelError).toBeGreaterThan(0.02);
});
