/** Checking a model file before import: every kind of bad file is named; a good one yields a config that fits it. */
import { expect, test } from 'vitest';
import { Network, Rng, initNetwork, modelToFile, parseModel } from '../src/engine';
import { jsonDepth } from '../src/engine/validate';
import { DEFAULT_CONFIG } from '../src/store';
import { MAX_MODEL_BYTES, checkModel } from '../src/share/modelImport';
import { en } from '../src/i18n/en';
import { ja } from '../src/i18n/ja';
import { parseSequences } from '../src/engine/sequenceFile';

function modelText(cell: 'lstm' | 'gru' | 'rnn', I = 1, H = 4, extra: Record<string, unknown> = {}): string {
  const net = new Network({ cell, inputSize: I, hiddenSize: H, outputSize: 1, peephole: cell === 'lstm', resetAfter: false });
  initNetwork(net, new Rng(3));
  return JSON.stringify({ ...modelToFile(net), ...extra });
}

test('a good model: the config takes its cell, size and variants, and a task that feeds it', () => {
  const text = modelText('lstm', 2, 6);
  const result = checkModel(text, text.length, DEFAULT_CONFIG);
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.config).toMatchObject({ cell: 'lstm', hidden: 6, peephole: true, task: 'adding', lr: DEFAULT_CONFIG.lr, seed: DEFAULT_CONFIG.seed });
  const one = modelText('gru');
  const kept = checkModel(one, one.length, { ...DEFAULT_CONFIG, task: 'remember-first' });
  expect(kept.ok && kept.config.task).toBe('remember-first');
});

test('an FNN model: the config takes its window; a task that needs a longer sequence gets one', () => {
  const net = new Network({ cell: 'fnn', window: 6, inputSize: 1, hiddenSize: 5, outputSize: 1, peephole: false, resetAfter: false });
  initNetwork(net, new Rng(4));
  const text = JSON.stringify(modelToFile(net));
  const result = checkModel(text, text.length, { ...DEFAULT_CONFIG, task: 'timed-pulse', length: 10, pulseDelay: 15, pulseWidth: 5 });
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.config).toMatchObject({ cell: 'fnn', window: 6, hidden: 5, task: 'timed-pulse', length: 21 });
  // A two-input model while the page runs the timed pulse: another task that feeds it is chosen.
  const two = modelText('rnn', 2);
  const moved = checkModel(two, two.length, { ...DEFAULT_CONFIG, task: 'timed-pulse', length: 50 });
  expect(moved.ok && moved.config.task).toBe('adding');
});

test.each([
  ['over 5 MB', 'x', MAX_MODEL_BYTES + 1, { kind: 'tooLarge', bytes: MAX_MODEL_BYTES + 1 }],
  ['not JSON', '{"format": ', 10, { kind: 'notJson' }],
  ['a JSON array', '[1, 2]', 6, { kind: 'wrongFormat', got: '[1,2]' }],
  ['another format', '{"format": "keras"}', 19, { kind: 'wrongFormat', got: '"keras"' }],
  ['another version', modelText('rnn', 1, 4, { version: 2 }), 0, { kind: 'wrongVersion', got: '2', want: 1 }],
  ['a hidden size the page does not allow', modelText('rnn', 1, 200), 0, { kind: 'hiddenTooLarge', hidden: 200, max: 128 }],
] as const)('%s', (_label, text, bytes, problem) => {
  const result = checkModel(text, bytes || text.length, DEFAULT_CONFIG);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.problem).toMatchObject(problem);
});

test('a model no task fits runs on the user’s sequences of its shape, or waits for them', () => {
  const text = modelText('rnn', 3);
  const waiting = checkModel(text, text.length, DEFAULT_CONFIG);
  expect(waiting.ok && waiting.waitsForData).toEqual({ inputs: 3, outputs: 1 });
  const held = { set: parseSequences('a,b,c,y\n1,2,3,4\n1,2,3,\n').set, name: 'mine.csv' };
  const fed = checkModel(text, text.length, DEFAULT_CONFIG, held);
  expect(fed.ok && !fed.waitsForData && fed.config.task).toBe('data');
  expect(fed.ok && fed.config.data?.name).toBe('mine.csv');
  // Sequences without targets feed it too (to be shown, not trained on); other sizes do not.
  const bare = checkModel(text, text.length, DEFAULT_CONFIG, { set: parseSequences('1,2,3\n4,5,6\n').set, name: 'x.csv' });
  expect(bare.ok && bare.config.data?.set.O).toBe(1);
  const other = checkModel(text, text.length, DEFAULT_CONFIG, { set: parseSequences('a,b,y\n1,2,3\n1,2,3\n').set, name: 'x.csv' });
  expect(other.ok && other.waitsForData).toEqual({ inputs: 3, outputs: 1 });
  // A run on data that fits the model keeps it; a model with a task of its own leaves the data.
  const onData = checkModel(text, text.length, { ...DEFAULT_CONFIG, task: 'data', data: { set: held.set, loss: 'mse', name: 'mine.csv' } });
  expect(onData.ok && onData.config.task).toBe('data');
  const one = modelText('gru');
  const leaves = checkModel(one, one.length, { ...DEFAULT_CONFIG, task: 'data', data: { set: held.set, loss: 'mse', name: 'mine.csv' } });
  expect(leaves.ok && [leaves.config.task, leaves.config.data]).toEqual(['sine', undefined]);
});

test('wrong shapes and non-finite numbers are named by the engine’s validation, with the field', () => {
  const model = JSON.parse(modelText('lstm'));
  model.weights.U_f = model.weights.U_f.slice(1);
  let result = checkModel(JSON.stringify(model), 100, DEFAULT_CONFIG);
  expect(!result.ok && result.problem).toEqual({
    kind: 'invalid',
    path: 'model.weights.U_f',
    problem: { kind: 'expected', expected: { kind: 'matrix', rows: 4, cols: 4 }, got: { kind: 'matrix', rows: 3, cols: 4 } },
  });
  const text = modelText('gru').replace(/"b_z":\[([^,\]]+)/, '"b_z":[1e999');
  result = checkModel(text, text.length, DEFAULT_CONFIG);
  expect(!result.ok && result.problem).toMatchObject({ kind: 'invalid', path: 'model.weights.b_z[0]', problem: { expected: { kind: 'finite' } } });
});

test('every validation problem has its words in both languages, and the English ones are the engine’s message', () => {
  const cases: [unknown, string][] = [
    [{ ...JSON.parse(modelText('rnn')), cell: 'transformer' }, '"rnn"、"lstm"、"gru" のいずれかであるべきところ、文字列 「transformer」でした'],
    [{ ...JSON.parse(modelText('rnn')), hiddenSize: 2.5 }, '正の整数であるべきところ、2.5でした'],
    [{ ...JSON.parse(modelText('rnn')), weights: { ...JSON.parse(modelText('rnn')).weights, Q: [1] } }, 'この RNN の重みではありません'],
    [{ ...JSON.parse(modelText('rnn')), weights: { ...JSON.parse(modelText('rnn')).weights, b: undefined } }, 'ありません（4 個の数値が必要です）'],
    [{ ...JSON.parse(modelText('rnn')), weights: { ...JSON.parse(modelText('rnn')).weights, U: [[1, 2], [3]] } }, '長さの揃わない行'],
  ];
  for (const [model, words] of cases) {
    const text = JSON.stringify(model);
    const back = JSON.parse(text); // what the page reads (a field set to undefined is gone)
    const result = checkModel(text, text.length, DEFAULT_CONFIG);
    if (result.ok || result.problem.kind !== 'invalid') throw new Error(`expected an invalid model: ${text.slice(0, 80)}`);
    const { path, problem } = result.problem;
    expect(`${path}: ${en.validation(problem)}`).toBe(errorOf(back));
    expect(ja.exporting.invalid(path, ja.validation(problem))).toContain(words);
  }
});

/** The engine's own message for a bad model file. */
function errorOf(model: unknown): string {
  try {
    parseModel(model);
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

test('a file nested 2.4 million levels deep (4.8 MB) is refused by its depth, quickly, before any recursive walk', () => {
  const text = '['.repeat(2_400_000) + ']'.repeat(2_400_000);
  const started = performance.now();
  const result = checkModel(text, text.length, DEFAULT_CONFIG);
  const ms = performance.now() - started;
  console.log(`a file nested 2.4 million deep: refused in ${ms.toFixed(1)} ms`);
  expect(result).toEqual({ ok: false, problem: { kind: 'tooDeep', limit: 16 } });
  expect(ms).toBeLessThan(200);
  // Brackets inside strings do not count; a real model file passes.
  expect(jsonDepth('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "b": [[1]]}')).toBe(3);
});
