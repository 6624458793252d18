/**
 * Gatescope's own PyTorch exports, for the fixtures: one LSTM, GRU (reset-after) and RNN with
 * seeded weights, written as Gatescope writes them (`train --save m.safetensors`, the app's
 * export). tools/make_torch_fixtures.py loads each into torch.nn with strict=True and records
 * what torch computes; test/pytorchFormat.test.ts builds the same files again, checks they are
 * byte for byte the committed ones, and compares Gatescope's numbers with torch's.
 *   npx tsx tools/gatescopeExports.ts   (run by make_torch_fixtures.py)
 */
import { writeFileSync } from 'node:fs';
import { initNetwork } from '../src/engine/init';
import { modelToFile } from '../src/engine/modelFile';
import { Network } from '../src/engine/network';
import { Rng } from '../src/engine/rng';
import { modelToSafetensors } from '../src/engine/formats/pytorch';
import type { NetSpec } from '../src/engine/spec';

export const EXPORTS = {
  'export-lstm': { cell: 'lstm', inputSize: 2, hiddenSize: 3, outputSize: 2, peephole: false, resetAfter: false },
  'export-gru': { cell: 'gru', inputSize: 2, hiddenSize: 3, outputSize: 2, peephole: false, resetAfter: true },
  'export-rnn': { cell: 'rnn', inputSize: 2, hiddenSize: 3, outputSize: 2, peephole: false, resetAfter: false },
} as const satisfies Record<string, NetSpec>;

/** The network of one export: seeded weights, biases set away from 0 so each one shows. */
export function exportNetwork(spec: NetSpec): Network {
  const net = new Network(spec, 'f64');
  initNetwork(net, new Rng(11));
  for (const p of [net.b, net.bh, net.by]) for (let k = 0; k < p.w.length; k++) p.w[k] = 0.25 * Math.sin(3 * k + 1);
  return net;
}

export function exportBytes(spec: NetSpec): Uint8Array {
  return modelToSafetensors(modelToFile(exportNetwork(spec)));
}

if (process.argv[1]?.endsWith('gatescopeExports.ts')) {
  for (const [name, spec] of Object.entries(EXPORTS)) writeFileSync(`test/fixtures/torch/${name}.safetensors`, exportBytes(spec));
}
