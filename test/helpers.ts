/** Shared test fixtures: random models and sequences, and loading them into the engine. */
import {
  Network, Rng, initNetwork, modelToFile, namedWeights, writeSequence, parseModel,
  type CellKind, type ModelFile, type DType, type Workspace,
} from '../src/engine';
import type { Sequence } from './reference';
import { placeCopy } from '../src/engine/placement';
import type { KernelKind } from '../src/engine/backend';
import type { LstmChange } from '../src/engine/spec';

export interface Shape {
  cell: CellKind;
  peephole?: boolean;
  resetAfter?: boolean;
  forgetFixed?: boolean;
  /** LSTM: a change of Greff et al. */
  change?: LstmChange;
  /** FNN: its window k. */
  window?: number;
  I: number;
  H: number;
  O: number;
}

/**
 * A model with every weight non-trivial: the seeded initialisation, then biases, peepholes and
 * bh_g drawn at random too (they start at 0, which would hide mistakes in their gradients).
 */
export function randomModel(shape: Shape, seed: number): ModelFile {
  const net = new Network({
    cell: shape.cell, inputSize: shape.I, hiddenSize: shape.H, outputSize: shape.O,
    peephole: shape.peephole ?? false, resetAfter: shape.resetAfter ?? false, forgetFixed: shape.forgetFixed ?? false,
    change: shape.change, window: shape.window,
  }, 'f64');
  const rng = new Rng(seed);
  initNetwork(net, rng);
  for (const p of [net.b, net.P, net.bh, net.by]) for (let k = 0; k < p.w.length; k++) p.w[k] = rng.uniform(-0.8, 0.8);
  for (const w of namedWeights(net)) if (w.name.startsWith('U')) for (let k = 0; k < w.w.length; k++) w.w[k] *= 1.2;
  return modelToFile(net);
}

export function randomSequences(
  seed: number, B: number, T: number, I: number, O: number, targets: 'every' | 'last' | 'onehot',
): Sequence[] {
  const rng = new Rng(seed);
  return Array.from({ length: B }, () => ({
    inputs: Array.from({ length: T }, () => Array.from({ length: I }, () => rng.uniform(-1.5, 1.5))),
    targets: Array.from({ length: T }, (_, s) => {
      if (targets === 'last' && s < T - 1) return null;
      if (targets === 'onehot') {
        const k = rng.int(O);
        return Array.from({ length: O }, (_, c) => (c === k ? 1 : 0));
      }
      return Array.from({ length: O }, () => rng.uniform(-1, 1));
    }),
  }));
}

/**
 * The engine's network for a model file, with a workspace holding the sequences; with kernels
 * 'wasm' (float32), the network and the workspace live in a wasm arena and run the SIMD kernels.
 */
export function loadEngine(
  model: ModelFile, seqs: readonly Sequence[], dtype: DType = 'f64', kernels: KernelKind = 'js',
): { net: Network; ws: Workspace } {
  const T = seqs[0]!.inputs.length;
  let net = parseModel(model, dtype);
  if (kernels === 'wasm') {
    const placed = placeCopy('wasm', net, [{ T, B: seqs.length }]);
    if (!placed.ok) throw new Error(placed.reason);
    net = placed.net;
  }
  const ws = net.createWorkspace(T, seqs.length);
  seqs.forEach((seq, b) => writeSequence(ws, b, seq.inputs, seq.targets));
  return { net, ws };
}

/** Central finite difference of f at 0. */
export function centralDiff(f: (eps: number) => number, eps = 1e-5): number {
  return (f(eps) - f(-eps)) / (2 * eps);
}

/** Whether analytic a agrees with numeric n: |a − n| ≤ abs + rel·|n|. */
export function close(a: number, n: number, rel = 1e-6, abs = 1e-8): boolean {
  return Math.abs(a - n) <= abs + rel * Math.abs(n);
}
