/** Every problem of a model from another framework is worded in English and in Japanese, with its particulars and no "undefined". */
import { expect, test } from 'vitest';
import { formatProblemText, type FormatProblem } from '../src/engine/formats/problems';
import { formatProblemJa } from '../src/i18n/formatJa';

/** One example of every kind (the type makes the list complete: a new kind must be added here). */
const EXAMPLES: { [K in FormatProblem['kind']]: Extract<FormatProblem, { kind: K }>[] } = {
  tooShort: [{ kind: 'tooShort', bytes: 3 }],
  headerTooLong: [{ kind: 'headerTooLong', bytes: 4294967296, max: 100000000 }],
  headerPastEnd: [{ kind: 'headerPastEnd', bytes: 1000, have: 8 }],
  headerNotUtf8: [{ kind: 'headerNotUtf8' }],
  headerTooDeep: [{ kind: 'headerTooDeep', limit: 16 }],
  headerNotJson: [{ kind: 'headerNotJson', detail: 'Unexpected end of JSON input' }],
  headerNotObject: [{ kind: 'headerNotObject' }],
  metadataNotStrings: [{ kind: 'metadataNotStrings', key: null }, { kind: 'metadataNotStrings', key: 'n' }],
  tensorMalformed: (['entry', 'dtype', 'shape', 'offsets'] as const).map((what) => ({ kind: 'tensorMalformed' as const, name: 'rnn.weight_ih_l0', what })),
  dtypeNotRead: [{ kind: 'dtypeNotRead', name: 'a', dtype: '"I64"' }],
  lengthMismatch: [{ kind: 'lengthMismatch', name: 'a', shape: '3', dtype: 'F32', need: 12, got: 8 }],
  dataPastEnd: [{ kind: 'dataPastEnd', name: 'a', end: 8, have: 4 }],
  overlap: [{ kind: 'overlap', name: 'b' }],
  hole: [{ kind: 'hole', from: 0, to: 4 }],
  unaccounted: [{ kind: 'unaccounted', covered: 8, have: 12 }],
  layers: [{ kind: 'layers', names: ['rnn.weight_ih_l1', 'rnn.weight_hh_l1', 'rnn.bias_ih_l1', 'rnn.bias_hh_l1', 'x', 'y'] }],
  bidirectional: [{ kind: 'bidirectional', names: ['rnn.weight_ih_l0_reverse'] }],
  projection: [{ kind: 'projection', names: ['rnn.weight_hr_l0'] }],
  noRecurrent: [{ kind: 'noRecurrent', found: ['a.weight'], from: 'pytorch' }, { kind: 'noRecurrent', found: [], from: 'tfjs' }],
  notMatrix: [{ kind: 'notMatrix', key: 'rnn.weight_ih_l0', got: '12' }],
  recurrentCount: [{ kind: 'recurrentCount', names: ['a.weight_ih_l0', 'b.weight_ih_l0'] }],
  missingTensor: [{ kind: 'missingTensor', key: 'rnn.weight_hh_l0', beside: 'rnn.weight_ih_l0' }],
  shape: [{ kind: 'shape', key: 'rnn.weight_ih_l0', got: '8×2', want: '12×2' }],
  gateRows: [{ kind: 'gateRows', key: 'rnn.weight_hh_l0', got: '6×3', columns: 3 }],
  readouts: [{ kind: 'readouts', names: ['readout.weight', 'head.weight'], hidden: 3 }],
  unused: [{ kind: 'unused', names: ['embed.weight'], hidden: 3 }],
  nonFinite: [{ kind: 'nonFinite', key: 'rnn.weight_hh_l0', value: 'NaN', index: 5 }],
  notModelObject: [{ kind: 'notModelObject' }],
  noTopology: [{ kind: 'noTopology' }],
  notSequential: [{ kind: 'notSequential', className: 'Functional' }, { kind: 'notSequential', className: null }],
  noLayerList: [{ kind: 'noLayerList' }],
  layerMalformed: [{ kind: 'layerMalformed', index: 2 }],
  strayLayers: [{ kind: 'strayLayers', names: ['Dropout "dropout"'] }],
  denseFirst: [{ kind: 'denseFirst' }],
  option: (['tanh', 'sigmoid', 'forwards', 'linear'] as const).map((want) => ({ kind: 'option' as const, layer: 'GRU "gru"', key: 'recurrent_activation', value: '"hard_sigmoid"', want })),
  manifest: [{ kind: 'manifest', group: null, what: 'none' }, ...(['group', 'paths', 'weight'] as const).map((what) => ({ kind: 'manifest' as const, group: 0, what }))],
  missingShard: [{ kind: 'missingShard', path: 'group1-shard1of1.bin', group: 0 }],
  notFloat32: [{ kind: 'notFloat32', name: 'gru/kernel', dtype: null }, { kind: 'notFloat32', name: 'gru/kernel', dtype: 'int32' }],
  shardShort: [{ kind: 'shardShort', group: 0, bytes: 240, name: 'dense/bias', shape: '2', offset: 240 }],
  shardLong: [{ kind: 'shardLong', group: 0, bytes: 252, used: 248 }],
  weightCount: [{ kind: 'weightCount', names: ['a', 'b'], layer: 'LSTM', dense: true, need: 5 }],
  units: [{ kind: 'units', layer: 'LSTM "lstm"', units: 4, got: '3×12' }],
  size: (['inputs', 'hidden', 'outputs'] as const).map((what) => ({ kind: 'size' as const, what, got: 2048, max: 1024 })),
  unexportable: [
    ...(['peephole', 'forgetFixed', 'standardGru', 'fnn'] as const).map((what) => ({ kind: 'unexportable' as const, what, to: 'pytorch' as const })),
    ...(['peephole', 'forgetFixed', 'fnn'] as const).map((what) => ({ kind: 'unexportable' as const, what, to: 'tfjs' as const })),
  ],
};

const all = Object.values(EXAMPLES).flat() as FormatProblem[];

test.each(all.map((p) => [JSON.stringify(p), p] as const))('%s', (_name, p) => {
  const en = formatProblemText(p);
  const ja = formatProblemJa(p);
  for (const text of [en, ja]) {
    expect(text.length).toBeGreaterThan(10);
    expect(text).not.toMatch(/undefined|\[object|null/);
  }
  expect(ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  // The particulars (names, numbers, shapes) are in both; the words that choose a sentence are not particulars.
  const CHOICES = new Set(['kind', 'what', 'want', 'from', 'to']);
  for (const [key, raw] of Object.entries(p)) {
    if (CHOICES.has(key)) continue;
    // Long lists are shortened ("and 2 more"): the first four names are always there.
    const values = Array.isArray(raw) ? raw.slice(0, 4) : [raw];
    for (const value of values) {
      if (value === null || value === 0 || typeof value === 'boolean') continue;
      expect(en, key).toContain(String(value));
      expect(ja, key).toContain(String(value));
    }
  }
});
