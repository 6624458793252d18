/**
 * The tools with PyTorch files: `trace --model m.safetensors` prints torch's numbers for a fixture
 * made by torch.nn; `train --save m.safetensors` writes a state dict that reads back to the same
 * network, and a cell PyTorch has no layer for is refused before training; a refused state dict
 * exits 2 with one line.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runMain, type Io } from '../src/cli/common';
import { traceMain } from '../src/cli/trace';
import { trainMain } from '../src/cli/train';
import { readSafetensors } from '../src/engine/formats/safetensors';

const dir = mkdtempSync(join(tmpdir(), 'gatescope-formats-'));
const fixtures = 'test/fixtures/torch';

async function run(main: (argv: string[], io: Io) => number | Promise<number>, argv: string[]) {
  let out = '';
  let err = '';
  const code = await runMain(main, argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('trace --model m.safetensors', () => {
  test.each(['lstm', 'gru', 'rnn-f64'])('%s: the steps torch.nn computed', async (name) => {
    const want = JSON.parse(readFileSync(`${fixtures}/${name}.json`, 'utf8')) as { input: number[][]; steps: { h: number[]; c?: number[]; y: number[] }[] };
    const input = join(dir, `${name}-x.json`);
    writeFileSync(input, JSON.stringify(want.input));
    const r = await run(traceMain, ['--model', `${fixtures}/${name}.safetensors`, '--input', input]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const trace = JSON.parse(r.out) as { steps: { h: number[]; c?: number[]; y: number[] }[] };
    want.steps.forEach((s, t) => {
      for (const key of ['h', 'c', 'y'] as const) s[key]?.forEach((v, k) => expect(trace.steps[t]![key]![k]).toBeCloseTo(v, 12));
    });
  });

  test.each([
    ['lstm-2layers', /: a safetensors file, but more than one layer \(rnn\.weight_ih_l1, /],
    ['gru-bidirectional', /: a safetensors file, but a bidirectional layer /],
    ['lstm-proj', /: a safetensors file, but an LSTM with proj_size /],
  ])('%s is refused: exit 2, one line, nothing on stdout', async (name, message) => {
    const input = join(dir, 'x.json');
    writeFileSync(input, JSON.stringify([[0, 0]]));
    const r = await run(traceMain, ['--model', `${fixtures}/${name}.safetensors`, '--input', input]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^--model ${fixtures}/${name}\\.safetensors${message.source}`));
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });

  test('a truncated safetensors file names what is missing', async () => {
    const bytes = readFileSync(`${fixtures}/lstm.safetensors`);
    const cut = join(dir, 'cut.safetensors');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 10));
    const input = join(dir, 'x.json');
    writeFileSync(input, JSON.stringify([[0, 0]]));
    const r = await run(traceMain, ['--model', cut, '--input', input]);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/^--model .*cut\.safetensors: a safetensors file, but tensor readout\.(weight|bias): its data ends at byte \d+, past the \d+ bytes of data in the file\n$/);
  });
});

describe('train --save m.safetensors', () => {
  test('writes the state dict of Net; tracing it gives the numbers of the JSON save', async () => {
    const st = join(dir, 'trained.safetensors');
    const js = join(dir, 'trained.json');
    const common = ['--task', 'sine', '--cell', 'gru', '--reset-after', '--hidden', '4', '--steps', '30', '--seed', '2', '--quiet', '--kernels', 'js'];
    expect((await run(trainMain, [...common, '--save', st])).code).toBe(0);
    expect((await run(trainMain, [...common, '--save', js])).code).toBe(0);
    const file = readSafetensors(new Uint8Array(readFileSync(st)));
    expect([...file.tensors].map(([k, t]) => [k, t.shape])).toEqual([
      ['rnn.weight_ih_l0', [12, 1]], ['rnn.weight_hh_l0', [12, 4]], ['rnn.bias_ih_l0', [12]], ['rnn.bias_hh_l0', [12]], ['readout.weight', [1, 4]], ['readout.bias', [1]],
    ]);
    expect(file.metadata).toEqual({ format: 'pt' });
    const input = join(dir, 'seq.json');
    writeFileSync(input, JSON.stringify([[0.5], [-0.2], [0.9], [0.1]]));
    const a = JSON.parse((await run(traceMain, ['--model', st, '--input', input])).out) as { steps: { y: number[] }[] };
    const b = JSON.parse((await run(traceMain, ['--model', js, '--input', input])).out) as { steps: { y: number[] }[] };
    // The JSON file keeps float64 digits of float32 weights; the state dict stores float32: the same numbers.
    a.steps.forEach((s, t) => expect(s.y[0]).toBeCloseTo(b.steps[t]!.y[0]!, 12));
  });

  test.each([
    [['--cell', 'lstm', '--peephole'], /nn\.LSTM has no peephole connections/],
    [['--cell', 'gru'], /nn\.GRU is the reset-after GRU/],
    [['--cell', 'fnn'], /the FNN with a window has no PyTorch layer/],
  ])('%j: refused before training, exit 2, one line', async (args, message) => {
    const r = await run(trainMain, ['--task', 'sine', ...args, '--steps', '1000000', '--save', join(dir, 'no.safetensors')]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^--save .*no\\.safetensors: .*${message.source}`));
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });
});
