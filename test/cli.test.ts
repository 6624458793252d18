/**
 * The command-line tools: good runs print one JSON object; bad input of every kind gives
 * exit status 2, one line on stderr naming the field, and nothing on stdout.
 */
import { describe, expect, test, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain, type Io } from '../src/cli/common';
import { traceMain } from '../src/cli/trace';
import { trainMain } from '../src/cli/train';
import { benchMain } from '../src/cli/bench';
import { placeCopy } from '../src/engine/placement';
import { Network, Rng, initNetwork, log10GradientRatio, makeTask, modelToFile, parseModel, traceSequence, type ModelFile } from '../src/engine';

const dir = mkdtempSync(join(tmpdir(), 'gatescope-cli-'));
const file = (name: string, content: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

async function run(main: (argv: string[], io: Io) => number, argv: string[]) {
  let out = '';
  let err = '';
  const code = await runMain(main, argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

let model: ModelFile;
beforeAll(() => {
  const net = new Network({ cell: 'lstm', inputSize: 2, hiddenSize: 4, outputSize: 1, peephole: true, resetAfter: false });
  initNetwork(net, new Rng(3));
  model = modelToFile(net);
});

describe('trace', () => {
  test('prints the trace the engine computes, with lstm gates and c', async () => {
    const m = file('m.json', model);
    const x = file('x.json', [[0.1, 0], [0.5, 1], [0.2, 0]]);
    const y = file('y.json', [null, null, [0.5]]);
    const { code, out, err } = await run(traceMain, ['--model', m, '--input', x, '--target', y]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const trace = JSON.parse(out);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(trace).toEqual(JSON.parse(JSON.stringify(traceSequence(parseModel(model, 'f64'), [[0.1, 0], [0.5, 1], [0.2, 0]], [null, null, [0.5]]))));
    expect(Object.keys(trace.steps[0].gates)).toEqual(['i', 'f', 'g', 'o']);
    expect(trace.steps[0].c).toHaveLength(4);
    expect(trace.grads.c).toHaveLength(3);
    expect(Object.keys(trace.grads.weights)).toEqual(Object.keys(model.weights));
    expect(trace.loss).toBeGreaterThan(0);
  });

  test.each([
    ['rnn', [], false], ['gru', ['z', 'r', 'g'], false], ['lstm', ['i', 'f', 'g', 'o'], true],
  ] as const)('the %s trace has gates %j and c only for the LSTM', async (cell, gates, hasC) => {
    const net = new Network({ cell, inputSize: 1, hiddenSize: 3, outputSize: 1, peephole: false, resetAfter: false });
    initNetwork(net, new Rng(1));
    const { code, out } = await run(traceMain, ['--model', file(`${cell}.json`, modelToFile(net)), '--input', file('x1.json', [[1], [2]]), '--target', file('y1.json', [[0], [1]])]);
    expect(code).toBe(0);
    const trace = JSON.parse(out);
    expect(Object.keys(trace.steps[1].gates)).toEqual(gates);
    expect('c' in trace.steps[1]).toBe(hasC);
    expect('c' in trace.grads).toBe(hasC);
    expect(trace.grads.h[0]).toHaveLength(3);
  });

  const weights = (): Record<string, unknown> => structuredClone(model.weights);
  const bad: [string, () => unknown, RegExp][] = [
    ['unknown cell', () => ({ ...model, cell: 'transformer' }), /^model\.cell: expected one of "fnn", "rnn", "lstm", "gru", got the string "transformer"$/],
    ['mis-shaped weight', () => ({ ...model, weights: { ...weights(), U_f: (model.weights.U_f as number[][]).map((r) => r.slice(1)) } }), /^model\.weights\.U_f: expected 4×4 numbers, got 4×3$/],
    ['missing weight', () => { const w = weights(); delete w.W_o; return { ...model, weights: w }; }, /^model\.weights\.W_o: missing \(expected 4×2 numbers\)$/],
    ['non-number in a weight', () => { const w = weights(); (w.b_i as unknown[])[2] = 'x'; return { ...model, weights: w }; }, /^model\.weights\.b_i: expected 4 numbers, got the string "x" at \[2\]$/],
    ['zero hidden size', () => ({ ...model, hiddenSize: 0 }), /^model\.hiddenSize: expected a positive integer, got 0$/],
    ['fractional size', () => ({ ...model, inputSize: 1.5 }), /^model\.inputSize: expected a positive integer, got 1\.5$/],
    ['absurd hidden size', () => ({ ...model, hiddenSize: 5000 }), /^model\.hiddenSize: expected at most 1024, got 5000$/],
    ['wrong format', () => ({ ...model, format: 'keras' }), /^model\.format: expected "gatescope-model", got the string "keras"$/],
    ['wrong version', () => ({ ...model, version: 2 }), /^model\.version: expected 1, got 2$/],
    ['not an object', () => [1, 2], /^model: expected an object, got an array of 2$/],
    ['unknown weight', () => ({ ...model, weights: { ...weights(), W_z: [[1]] } }), /^model\.weights\.W_z: not a weight of this lstm/],
    ['peephole not boolean', () => ({ ...model, peephole: 'yes' }), /^model\.peephole: expected true or false, got the string "yes"$/],
    ['a weight name with a line break', () => ({ ...model, weights: { ...weights(), 'W\nx': [[1]] } }), /^model\.weights\["W\\nx"\]: not a weight of this lstm/],
  ];
  test.each(bad)('model with %s', async (_label, make, message) => {
    const m = file('bad.json', make());
    const x = file('x.json', [[0.1, 0]]);
    const { code, out, err } = await run(traceMain, ['--model', m, '--input', x]);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err.endsWith('\n')).toBe(true);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err.trim()).toMatch(message);
  });

  const badSequences: [string, unknown, unknown, RegExp][] = [
    ['an empty sequence', [], undefined, /^input: expected a non-empty array of rows \(one per time step\), got an array of 0$/],
    ['a row of the wrong width', [[1, 0], [1]], undefined, /^input\[1\]: expected 2 numbers, got 1 number$/],
    ['a non-number input', [[1, 'a']], undefined, /^input\[0\]\[1\]: expected a finite number, got the string "a"$/],
    ['a target of the wrong length', [[1, 0], [0, 1]], [[1]], /^target: expected 2 rows \(one per input step\), got 1$/],
    ['a target row of the wrong width', [[1, 0]], [[1, 2]], /^target\[0\]: expected 1 number or null, got 2 numbers$/],
    ['a NaN-like target', [[1, 0]], [['NaN']], /^target\[0\]\[0\]: expected a finite number, got the string "NaN"$/],
    ['a number too large for a double', '[[1e400, 0]]', undefined, /^input\[0\]\[0\]: expected a finite number, got Infinity$/],
    ['a flat array instead of rows', [1, 2], undefined, /^input\[0\]: expected 2 numbers, got the number 1$/],
  ];
  test.each(badSequences)('%s', async (_label, inputs, targets, message) => {
    const argv = ['--model', file('m.json', model), '--input', file('x.json', inputs)];
    if (targets !== undefined) argv.push('--target', file('y.json', targets));
    const { code, out, err } = await run(traceMain, argv);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err.trim()).toMatch(message);
  });

  test('a value beyond the float32 range is refused by the float32 engine, accepted by the float64 one', async () => {
    const m = file('m.json', model);
    const x = file('big.json', [[1e39, 0]]);
    const f32 = await run(traceMain, ['--model', m, '--input', x, '--dtype', 'f32']);
    expect(f32).toEqual({ code: 2, out: '', err: 'input[0][0]: expected a number within ±3.40e+38 (the float32 range), got 1e+39\n' });
    const f64 = await run(traceMain, ['--model', m, '--input', x]);
    expect(f64.code).toBe(0);
    const huge = await run(traceMain, ['--model', file('mbig.json', { ...model, weights: { ...model.weights, b_y: [1e39] } }), '--input', file('x.json', [[1, 0]]), '--dtype', 'f32']);
    expect(huge.err).toBe('model.weights.b_y[0]: expected a number within ±3.40e+38 (the float32 range), got 1e+39\n');
  });

  test('a trace too large to print is refused before it is computed', async () => {
    const long = file('long.json', Array.from({ length: 100_000 }, () => [0.1, 0]));
    const { code, out, err } = await run(traceMain, ['--model', file('m.json', { ...model, hiddenSize: 16, weights: undefined }), '--input', long]);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(/^model\.weights: expected an object/);
    const net = new Network({ cell: 'lstm', inputSize: 2, hiddenSize: 16, outputSize: 1, peephole: false, resetAfter: false });
    const r = await run(traceMain, ['--model', file('m16.json', modelToFile(net)), '--input', long]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('input: 100000 steps of this lstm (H = 16) make 19 million numbers of trace, more than the 10 million one trace prints; trace a shorter sequence');
  });

  test.each([
    ['a file that is not JSON', () => ['--model', file('nj.json', '{"format": '), '--input', file('x.json', [[1, 0]])], /^--model .*nj\.json: neither a safetensors file nor valid JSON \(/],
    ['a missing file', () => ['--model', join(dir, 'none.json'), '--input', file('x.json', [[1, 0]])], /^--model .*none\.json: cannot read the file \(no such file\)$/],
    ['no --model', () => ['--input', file('x.json', [[1, 0]])], /^--model: required/],
    ['an unknown option', () => ['--modle', 'x'], /^Unknown option '--modle'$/],
  ])('%s', async (_label, argv, message) => {
    const { code, out, err } = await run(traceMain, argv());
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err.trim()).toMatch(message);
  });
});

describe('train', () => {
  test('trains, reports the held-out and baseline losses, saves a model that loads', async () => {
    const save = join(dir, 'trained.json');
    const { code, out } = await run(trainMain, ['--cell', 'gru', '--reset-after', '--task', 'sine', '--length', '20', '--hidden', '6', '--steps', '150', '--seed', '4', '--save', save, '--quiet']);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.curve.length).toBeGreaterThan(50);
    expect(result.curve.at(-1)[0]).toBe(150);
    expect(result.finalLoss).toBeLessThan(result.baselineLoss);
    const saved = JSON.parse(readFileSync(save, 'utf8'));
    expect(saved.resetAfter).toBe(true);
    expect(parseModel(saved).spec.hiddenSize).toBe(6);
    // The reported gradient ratio is the saved model's, measured on the held-out sequences (on the same, WASM, kernels).
    const task = makeTask({ name: 'sine', length: 20 });
    const placed = placeCopy('wasm', parseModel(saved), [{ T: 20, B: 16 }]);
    expect(placed.ok && log10GradientRatio(placed.net, task)).toBe(result.gradientRatioLog10.trained);
    expect(Number.isFinite(result.gradientRatioLog10.init)).toBe(true);
    expect(result.gradientRatioLog10.init).not.toBe(result.gradientRatioLog10.trained);
    // Same seed, same result, to the bit.
    const again = await run(trainMain, ['--cell', 'gru', '--reset-after', '--task', 'sine', '--length', '20', '--hidden', '6', '--steps', '150', '--seed', '4', '--quiet']);
    expect(again.out).toBe(out);
  });

  test.each([
    ['an empty target row', [[1], [2]], [[], null], /^target\[0\]: expected from 1 to 1024 numbers or null, got an empty array$/],
    ['inputs wider than 1024', [Array.from({ length: 1100 }, () => 0)], [[1]], /^input\[0\]: expected at most 1024 numbers per step, got 1100$/],
    ['no target at all', [[1], [2]], [null, null], /^target: every row is null, so there is nothing to learn$/],
    ['a value beyond float32', [[1], [2]], [null, [1e39]], /^target\[1\]\[0\]: expected a number within ±3\.40e\+38/],
  ])('a custom task with %s', async (_label, inputs, targets, message) => {
    const { code, out, err } = await run(trainMain, ['--cell', 'rnn', '--task', 'custom', '--input', file('ci.json', inputs), '--target', file('ct.json', targets), '--quiet']);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err.trim()).toMatch(message);
  });

  test('the FNN with a window: saved with its window, and blind to what lies beyond it', async () => {
    const save = join(dir, 'fnn.json');
    const { code, out } = await run(trainMain, ['--cell', 'fnn', '--window', '3', '--task', 'remember-first', '--length', '10', '--steps', '300', '--hidden', '4', '--quiet', '--save', save]);
    expect(code).toBe(0);
    const result = JSON.parse(out);
    // The first input is 9 steps before the target, outside the window of 3: nothing to learn.
    expect(result.finalLoss / result.baselineLoss).toBeGreaterThan(0.95);
    const model = JSON.parse(readFileSync(save, 'utf8'));
    expect(model).toMatchObject({ cell: 'fnn', window: 3, inputSize: 1 });
    expect(model.weights.W[0]).toHaveLength(3);
  });

  test('a custom task from files', async () => {
    const inputs = file('cx.json', [[1], [0], [0], [0]]);
    const targets = file('cy.json', [null, null, null, [0.5]]);
    const { code, out } = await run(trainMain, ['--cell', 'rnn', '--task', 'custom', '--input', inputs, '--target', targets, '--steps', '200', '--hidden', '4', '--quiet']);
    expect(code).toBe(0);
    expect(JSON.parse(out).finalLoss).toBeLessThan(1e-3);
  });

  test.each([
    [['--task', 'adding'], /^--cell: required \(one of fnn, rnn, lstm, gru\)$/],
    [['--cell', 'lstm', '--task', 'copying'], /^--task: expected one of sine, remember-first, adding, timed-pulse, custom, data, got "copying"$/],
    [['--cell', 'lstm', '--task', 'adding', '--hidden', '0'], /^--hidden: expected an integer from 1 up to 1024, got "0"$/],
    [['--cell', 'lstm', '--task', 'adding', '--hidden', '2000'], /^--hidden: expected an integer from 1 up to 1024, got "2000"$/],
    [['--cell', 'lstm', '--task', 'adding', '--lr', 'fast'], /^--lr: expected a number above 0 up to 10, got "fast"$/],
    [['--cell', 'lstm', '--task', 'adding', '--steps', '1.5'], /^--steps: expected an integer from 1 up to 10000000, got "1.5"$/],
    [['--cell', 'lstm', '--task', 'sine', '--length=-3'], /^--length: expected an integer from 1 up to 100000, got "-3"$/],
    [['--cell', 'lstm', '--task', 'adding', '--length', '-3'], /^--length: a value that starts with "-" must be written as --length=VALUE$/],
    [['--cell', 'gru', '--peephole', '--task', 'adding'], /^--peephole: only the lstm has peephole connections, not the gru$/],
    [['--cell', 'rnn', '--window', '4', '--task', 'adding'], /^--window: only the fnn has a window of past inputs, not the rnn$/],
    [['--cell', 'fnn', '--window', '40', '--task', 'adding'], /^--window: expected an integer from 1 up to 32, got "40"$/],
    [['--cell', 'fnn', '--window', '0', '--task', 'adding'], /^--window: expected an integer from 1 up to 32, got "0"$/],
    [['--cell', 'lstm', '--task', 'adding', '--delay', '4'], /^--delay: only the timed-pulse task has a pulse delay$/],
    [['--cell', 'lstm', '--task', 'timed-pulse', '--delay', '15', '--width', '5', '--length', '20'], /^--length: expected an integer from 21 up to 100000, got "20"$/],
    [['--cell', 'lstm', '--task', 'adding', '--optimizer', 'rmsprop'], /^--optimizer: expected one of adam, sgd, got "rmsprop"$/],
    [['--cell', 'lstm', '--task', 'custom'], /^--input: required with --task custom/],
    [['--cell', 'lstm', '--task', 'adding', '--length', '100000', '--batch', '4096', '--hidden', '1024'], /^--length × --batch × --hidden: 100000×4096×1024 needs about \d+ MiB/],
    [['--cell', 'lstm', '--task', 'sine', '--length', '100000', '--batch', '1', '--hidden', '64'], /^--length × --batch × --hidden: 100000×1×64 needs about \d+ MiB/],
    [['--cell', 'lstm', '--task', 'adding', '--length', '1'], /^--length: expected an integer from 2 up to 100000, got "1"$/],
    [['--cell', 'lstm', '--task', 'sine', '--save', '/nonexistent-folder/m.json'], /^--save \/nonexistent-folder\/m\.json: the folder \/nonexistent-folder does not exist or cannot be written$/],
    [['--cell', 'lstm', '--task', 'sine', '--save', '.'], /^--save \.: is a directory$/],
    // On the JS kernels the weights overflow at step 12, before any loss does (the end-of-training check).
    [['--cell', 'rnn', '--task', 'sine', '--steps', '12', '--lr', '10', '--clip', '0', '--optimizer', 'sgd', '--quiet', '--kernels', 'js'], /^training diverged: the weights are no longer finite after step 12/],
    [['--cell', 'rnn', '--task', 'sine', '--steps', '40', '--lr', '10', '--clip', '0', '--optimizer', 'sgd', '--quiet'], /^training diverged/],
  ])('bad command line %j', async (argv, message) => {
    const { code, out, err } = await run(trainMain, argv);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err.trim()).toMatch(message);
  });
});

describe('bench', () => {
  test('--json prints one line per config and kernels, JS and WASM interleaved, with the documented keys', async () => {
    const { code, out } = await run(benchMain, ['--json', '--cells', 'gru', '--hidden', '4,8', '--repeats', '1', '--min-time', '0.01']);
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.cell, l.hidden, l.seq, l.batch, l.kernels])).toEqual([
      ['gru', 4, 50, 16, 'js'], ['gru', 4, 50, 16, 'wasm'], ['gru', 8, 50, 16, 'js'], ['gru', 8, 50, 16, 'wasm'],
    ]);
    expect(lines.every((l) => Object.keys(l).join() === 'cell,hidden,seq,batch,kernels,stepsPerSec' && l.stepsPerSec > 0)).toBe(true);
  });

  test('the text table gives both kernels and their ratio', async () => {
    const { code, out } = await run(benchMain, ['--cells', 'rnn', '--hidden', '4', '--repeats', '1', '--min-time', '0.01']);
    expect(code).toBe(0);
    expect(out).toMatch(/js steps\/s .* wasm steps\/s .* wasm\/js/);
    expect(out).toMatch(/^rnn +4 +[\d.]+ \(.*\) +[\d.]+ \(.*\) +[\d.]+×$/m);
  });

  test('--kernels js runs the JS kernels alone; a bad --kernels is named', async () => {
    const js = await run(benchMain, ['--json', '--kernels', 'js', '--cells', 'rnn', '--hidden', '4', '--repeats', '1', '--min-time', '0.01']);
    expect(js.out.trim().split('\n').map((l) => JSON.parse(l).kernels)).toEqual(['js']);
    const bad = await run(benchMain, ['--kernels', 'gpu']);
    expect(bad.code).toBe(2);
    expect(bad.err.trim()).toBe('--kernels: expected js, wasm or both, got "gpu"');
  });

  test('rejects a bad list', async () => {
    const { code, err } = await run(benchMain, ['--cells', 'lstm,tcn']);
    expect(code).toBe(2);
    expect(err.trim()).toBe('--cells: expected fnn, rnn, lstm or gru, got "tcn"');
  });
});

describe('the last bad inputs', () => {
  test('a FIFO, a directory or a device as an input file is refused by name, without reading it', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    for (const [path, what] of [[fifo, 'a FIFO'], [dir, 'a directory'], ['/dev/null', 'a device']] as const) {
      for (const argv of [
        ['--model', path, '--input', file('xf.json', [[1]])],
        ['--model', file('mf.json', model), '--input', path],
      ]) {
        const r = await run(traceMain, argv);
        expect(r.code).toBe(2);
        expect(r.err).toMatch(new RegExp(`^--(model|input) .*: not a regular file \\(it is ${what}\\)\n$`));
      }
    }
  });

  test('control characters from a file are escaped in the message, never sent to the terminal', async () => {
    const evil = file('evil.json', '\u001b[2J\u001b]0;pwned\u0007{');
    const r = await run(traceMain, ['--model', evil, '--input', evil]);
    expect(r.code).toBe(2);
    expect(r.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(r.err).toContain('\\x1b[2J\\x1b]0;pwned\\x07');
  });

  test('one number syntax: decimal (as in JSON); hexadecimal, binary, a plus or spaces are refused by name', async () => {
    for (const bad of ['0x10', '0b101', '+8', ' 8 ', '0o7']) {
      const r = await run(trainMain, ['--cell', 'rnn', '--task', 'sine', '--hidden', bad]);
      expect(r.err).toBe(`--hidden: expected a number written in decimal, as 16, 0.5 or 1e-4, got ${JSON.stringify(bad)}\n`);
    }
    const ok = await run(trainMain, ['--cell', 'rnn', '--task', 'sine', '--hidden', '4', '--length', '5', '--steps', '2', '--lr', '1e-3', '--quiet']);
    expect(ok.code).toBe(0);
  });

  test('--save is refused before training when it cannot be written: under a file, in /proc or /sys, a device', async () => {
    const plain = file('plain.txt', 'x');
    for (const [path, message] of [
      [join(plain, 'm.json'), 'a part of the path is a file, not a folder'],
      ['/proc/version', 'is in /proc, not a place for files'],
      ['/sys/kernel/notes', 'is in /sys, not a place for files'],
      ['/dev/full', 'not a regular file'],
    ] as const) {
      const started = performance.now();
      const r = await run(trainMain, ['--cell', 'rnn', '--task', 'sine', '--steps', '100000', '--quiet', '--save', path]);
      expect(r).toEqual({ code: 2, out: '', err: `--save ${path}: ${message}\n` });
      expect(performance.now() - started).toBeLessThan(2000); // not after 100,000 steps
    }
    // A file the probe had to create is not left behind.
    const fresh = join(dir, 'fresh-probe.json');
    const r = await run(trainMain, ['--cell', 'rnn', '--task', 'sine', '--steps', '40', '--lr', '10', '--clip', '0', '--optimizer', 'sgd', '--quiet', '--save', fresh]);
    expect(r.err).toMatch(/^training diverged/);
    expect(existsSync(fresh)).toBe(false);
  });
});

describe('--kernels', () => {
  test('trace: float32 on either kernels agrees with float64; wasm with float64 is refused by name', async () => {
    const m = file('mk.json', model);
    const x = file('xk.json', [[0.1, 0], [0.5, 1], [0.2, 0]]);
    const y = file('yk.json', [null, null, [0.5]]);
    const f64 = JSON.parse((await run(traceMain, ['--model', m, '--input', x, '--target', y])).out);
    for (const kernels of ['js', 'wasm']) {
      const r = await run(traceMain, ['--model', m, '--input', x, '--target', y, '--dtype', 'f32', '--kernels', kernels]);
      expect(r.code).toBe(0);
      const t = JSON.parse(r.out);
      expect(Math.abs(t.loss / f64.loss - 1)).toBeLessThan(1e-5);
      for (const [k, v] of (t.steps[2].h as number[]).entries()) expect(Math.abs(v - f64.steps[2].h[k])).toBeLessThan(1e-6);
    }
    const bad = await run(traceMain, ['--model', m, '--input', x, '--kernels', 'wasm']);
    expect(bad).toEqual({ code: 2, out: '', err: '--kernels wasm: the WASM kernels compute in float32; use --dtype f32 or --kernels js\n' });
    const typo = await run(traceMain, ['--model', m, '--input', x, '--kernels', 'simd']);
    expect(typo.err).toBe('--kernels: expected one of js, wasm, got "simd"\n');
  });

  test('train runs on either kernels and reports which', async () => {
    for (const kernels of ['js', 'wasm']) {
      const r = await run(trainMain, ['--cell', 'gru', '--task', 'sine', '--length', '10', '--hidden', '4', '--steps', '20', '--kernels', kernels]);
      expect(r.code).toBe(0);
      expect(r.err).toContain(`(${kernels} kernels)`);
      expect(JSON.parse(r.out).finalLoss).toBeGreaterThan(0);
    }
  });

  test('where WebAssembly is missing (node --jitless), --kernels wasm exits 2 with one line, and the default runs JS', () => {
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const env = { ...process.env, NODE_OPTIONS: '--jitless --no-warnings' };
    const args = ['--cell', 'rnn', '--task', 'sine', '--length', '5', '--hidden', '2', '--steps', '3'];
    for (const tool of ['train', 'bench'] as const) {
      const argv = tool === 'train' ? [...args, '--kernels', 'wasm'] : ['--kernels', 'wasm'];
      const r = spawnSync(tsx, [`src/cli/${tool}.ts`, ...argv], { encoding: 'utf8', env });
      expect({ status: r.status, stdout: r.stdout, stderr: r.stderr.replace(/^Warning: .*\n/gm, '') }).toEqual({ status: 2, stdout: '', stderr: '--kernels wasm: WebAssembly is not available\n' });
    }
    const ok = spawnSync(tsx, ['src/cli/train.ts', ...args], { encoding: 'utf8', env });
    expect(ok.status).toBe(0);
    expect(ok.stderr).toContain('(js kernels)');
  }, 60_000);
});

describe('as real processes (npm run -s …)', () => {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

  test('bad input: exit 2, one line on stderr, no stack trace, nothing on stdout', () => {
    const m = file('p-bad.json', { ...model, weights: { ...model.weights, U_f: [[1, 2]] } });
    const result = spawnSync(tsx, ['src/cli/trace.ts', '--model', m, '--input', file('px.json', [[1, 0]])], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('model.weights.U_f: expected 4×4 numbers, got 1×2\n');
  });

  test('a good trace prints parseable JSON and exits 0', () => {
    const out = execFileSync(tsx, ['src/cli/trace.ts', '--model', file('pm.json', model), '--input', file('px2.json', [[1, 0], [0, 1]])], { encoding: 'utf8' });
    const trace = JSON.parse(out);
    expect(trace.loss).toBe(0);
    expect(trace.steps).toHaveLength(2);
  });

  test('train with a bad option exits 2 with one line', () => {
    const result = spawnSync(tsx, ['src/cli/train.ts', '--cell', 'lstm', '--task', 'adding', '--steps', 'many'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('--steps: expected an integer from 1 up to 10000000, got "many"\n');
  });
});

test('a file nested deeper than any model or sequence file is refused by its depth, before parsing', async () => {
  const deep = file('deep.json', '['.repeat(200_000) + ']'.repeat(200_000));
  const r = await run(traceMain, ['--model', deep, '--input', deep]);
  expect(r).toEqual({ code: 2, out: '', err: `--model ${deep}: nested more than 16 levels deep (a model file needs 4)\n` });
});
