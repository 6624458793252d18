/**
 * The LSTM variants of Greff et al. (2017) outside the engine's passes (which test/gradients.test.ts
 * and test/wasmEngine.test.ts check by finite differences): their switches, the model file, the
 * link, the command line and the exports, and a run that trains and carries on from a checkpoint.
 */
import { describe, expect, test } from 'vitest';
import { GREFF_VARIANTS, LSTM_CHANGES, greffVariant, variantSwitches } from '../src/engine/spec';
import { Network, Rng, initNetwork, modelToFile, namedWeights, parseModel } from '../src/engine';
import { ValidationError } from '../src/engine/validate';
import { modelToStateDict } from '../src/engine/formats/pytorch';
import { parseHash, writeHash } from '../src/share/urlState';
import { runMain, type Io } from '../src/cli/common';
import { trainMain } from '../src/cli/train';
import { TrainingSession } from '../src/worker/session';
import { DEFAULT_CONFIG } from '../src/store';

const spec = { cell: 'lstm', inputSize: 2, hiddenSize: 3, outputSize: 1, peephole: true, resetAfter: false } as const;

async function cli(argv: string[]) {
  let out = '';
  let err = '';
  const code = await runMain(trainMain as (argv: string[], io: Io) => number, argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

test('each of the nine variants has its switches, and the switches name it back; other combinations are none of them', () => {
  for (const v of GREFF_VARIANTS) expect(greffVariant(variantSwitches(v))).toBe(v);
  expect(variantSwitches('V')).toEqual({ peephole: true, forgetFixed: false, change: undefined });
  expect(variantSwitches('NP')).toEqual({ peephole: false, forgetFixed: false, change: undefined });
  expect(variantSwitches('NFG')).toEqual({ peephole: true, forgetFixed: true, change: undefined });
  expect(greffVariant({ peephole: false, change: 'NIG' })).toBeNull();
  expect(greffVariant({ peephole: false, forgetFixed: true })).toBeNull();
});

test('CIFG cannot have its forget gate fixed as well: the network refuses, at construction and by the switch', () => {
  expect(() => new Network({ ...spec, change: 'CIFG', forgetFixed: true })).toThrow(/CIFG/);
  const net = new Network({ ...spec, change: 'CIFG' });
  expect(() => net.setForgetFixed(true)).toThrow(/CIFG/);
  expect(net.spec.forgetFixed).toBe(false);
});

describe('the model file', () => {
  test.each(LSTM_CHANGES)('%s: written with its change (FGR with its nine R_xy), read back to the same network', (change) => {
    const net = new Network({ ...spec, change }, 'f64');
    initNetwork(net, new Rng(3));
    const file = modelToFile(net);
    expect(file.change).toBe(change);
    const rNames = Object.keys(file.weights).filter((k) => k.startsWith('R_'));
    expect(rNames).toEqual(change === 'FGR' ? ['R_ii', 'R_if', 'R_io', 'R_fi', 'R_ff', 'R_fo', 'R_oi', 'R_of', 'R_oo'] : []);
    const back = parseModel(JSON.parse(JSON.stringify(file)), 'f64');
    expect(back.spec.change).toBe(change);
    expect(namedWeights(back).map((w) => Array.from(w.w))).toEqual(namedWeights(net).map((w) => Array.from(w.w)));
  });

  test('a bad change is refused by name, and so are CIFG with f fixed, a change of the GRU, and an FGR file without R', () => {
    const net = new Network({ ...spec, change: 'FGR' }, 'f64');
    initNetwork(net, new Rng(3));
    const file = modelToFile(net);
    const refused = (json: unknown): string => {
      try {
        parseModel(json);
      } catch (e) {
        if (e instanceof ValidationError) return e.path;
        throw e;
      }
      return 'accepted';
    };
    expect(refused({ ...file, change: 'NXG' })).toBe('model.change');
    expect(refused({ ...file, change: 'CIFG', forgetFixed: true })).toBe('model.forgetFixed');
    expect(refused({ ...file, cell: 'gru', change: 'NIG' })).toBe('model.change');
    const { R_of: _, ...withoutOne } = file.weights;
    expect(refused({ ...file, weights: withoutOne })).toBe('model.weights.R_of');
    // R_* in a file without FGR is not one of its weights.
    expect(refused({ ...file, change: undefined })).toBe('model.weights.R_ii');
  });

  test('PyTorch and TF.js have no such cells: the exports refuse them by name', () => {
    const net = new Network({ ...spec, peephole: false, change: 'CIFG' }, 'f64');
    expect(() => modelToStateDict(modelToFile(net))).toThrow(/Greff/);
  });
});

describe('the link', () => {
  test('carries the change, and refuses one that does not fit the cell or the forget switch', () => {
    const { state } = parseHash('#change=FGR', 'en');
    expect(state.config.change).toBe('FGR');
    expect(parseHash(writeHash(state), 'en').state.config.change).toBe('FGR');
    const gru = parseHash('#cell=gru&change=CIFG', 'en');
    expect(gru.state.config.change).toBeUndefined();
    expect(gru.problems).toEqual([{ field: 'change', kind: 'notForCell', value: 'CIFG', cell: 'gru' }]);
    const both = parseHash('#change=CIFG&forgetFixed=1', 'en');
    expect(both.state.config.forgetFixed).toBe(false);
    expect(both.problems).toEqual([{ field: 'forgetFixed', kind: 'conflicts', value: '1', with: 'change=CIFG' }]);
    expect(parseHash('#change=XYZ', 'en').problems).toEqual([{ field: 'change', kind: 'unknownValue', value: 'XYZ' }]);
  });
});

describe('train --variant', () => {
  test('trains each variant; a variant of another cell, an unknown one, or one with --peephole exits 2 with one line', async () => {
    for (const variant of ['CIFG', 'FGR', 'NP']) {
      const { code, out } = await cli(['--cell', 'lstm', '--variant', variant, '--task', 'sine', '--steps', '20', '--hidden', '4', '--quiet']);
      expect(code, variant).toBe(0);
      expect(Number.isFinite(JSON.parse(out).finalLoss)).toBe(true);
    }
    const bad = [
      [['--cell', 'gru', '--variant', 'CIFG'], /--variant: the variants of Greff et al\. are the lstm's, not the gru's/],
      [['--cell', 'lstm', '--variant', 'XYZ'], /--variant.*XYZ/],
      [['--cell', 'lstm', '--variant', 'NIG', '--peephole'], /--variant: sets the peepholes itself/],
    ] as const;
    for (const [args, message] of bad) {
      const { code, out, err } = await cli([...args, '--task', 'sine', '--steps', '5']);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(message);
    }
  });
});

test('a session of each change trains, and a checkpoint carries it on exactly (R among the weights)', () => {
  for (const change of LSTM_CHANGES) {
    const config = { ...DEFAULT_CONFIG, hidden: 4, length: 10, batch: 4, peephole: true, change };
    const a = new TrainingSession(config);
    for (let k = 0; k < 5; k++) expect(a.trainStep(), change).toBe(true);
    const b = new TrainingSession(config);
    b.restore(a.checkpoint());
    for (let k = 0; k < 5; k++) {
      a.trainStep();
      b.trainStep();
    }
    expect(b.net.params().map((p) => Array.from(p.w)), change).toEqual(a.net.params().map((p) => Array.from(p.w)));
    expect(a.snapshot(0).change).toBe(change);
  }
});
