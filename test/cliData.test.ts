/**
 * The tools with the user's sequences: `train --task data --data FILE` learns a set given as CSV
 * (and as JSON, the same numbers the same way); `trace --input FILE.csv` traces what the JSON rows
 * and --target trace; every bad file exits 2 with one line that names the file and the place.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runMain, type Io } from '../src/cli/common';
import { traceMain } from '../src/cli/trace';
import { trainMain } from '../src/cli/train';
import { Rng } from '../src/engine';

const dir = mkdtempSync(join(tmpdir(), 'gatescope-data-'));

async function run(main: (argv: string[], io: Io) => number | Promise<number>, argv: string[]) {
  let out = '';
  let err = '';
  const code = await runMain(main, argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/** A set to learn: recall, at the last step, the input of the first (lengths 4 to 9). */
function recallSet(n: number): { csv: string; json: string } {
  const rng = new Rng(9);
  const lines = ['seq,x,y'];
  const sequences: { id: string; inputs: number[][]; targets: (number[] | null)[] }[] = [];
  for (let q = 0; q < n; q++) {
    const T = 4 + rng.int(6);
    const first = Math.round(rng.uniform(-1, 1) * 1000) / 1000;
    const inputs: number[][] = [];
    const targets: (number[] | null)[] = [];
    for (let t = 0; t < T; t++) {
      const x = t === 0 ? first : 0;
      inputs.push([x]);
      targets.push(t === T - 1 ? [first] : null);
      lines.push(`s${q},${x},${t === T - 1 ? first : ''}`);
    }
    sequences.push({ id: `s${q}`, inputs, targets });
  }
  return { csv: `${lines.join('\n')}\n`, json: JSON.stringify({ sequences }) };
}

describe('train --task data', () => {
  const set = recallSet(40);
  const csv = join(dir, 'recall.csv');
  const json = join(dir, 'recall.json');
  writeFileSync(csv, set.csv);
  writeFileSync(json, set.json);

  test('learns the set, held-out loss far below the baseline; CSV and JSON train the same', async () => {
    const args = ['--cell', 'lstm', '--task', 'data', '--hidden', '8', '--steps', '400', '--seed', '2', '--kernels', 'js', '--quiet'];
    const a = await run(trainMain, [...args, '--data', csv]);
    expect(a.err).toBe('');
    expect(a.code).toBe(0);
    const out = JSON.parse(a.out) as { finalLoss: number; baselineLoss: number; data: unknown };
    expect(out.data).toEqual({ sequences: 40, train: 32, heldOut: 8, loss: 'mse' });
    expect(out.finalLoss / out.baselineLoss).toBeLessThan(0.1);
    const b = await run(trainMain, [...args, '--data', json]);
    expect(JSON.parse(b.out)).toEqual(out);
  });

  test.each([
    [['--task', 'data'], /^--data: required with --task data/],
    [['--task', 'sine', '--data', 'x.csv'], /^--data: only used with --task data, not sine/],
    [['--task', 'data', '--data', 'DIR/recall.csv', '--length', '5'], /^--length: not used with --task data/],
    [['--task', 'data', '--data', 'DIR/recall.csv', '--loss', 'ce'], /^--data DIR\/recall\.csv: cross-entropy needs at least 2 target columns/],
    [['--task', 'data', '--data', 'DIR/missing.csv'], /^--data DIR\/missing\.csv: cannot read the file \(no such file\)/],
  ])('%j exits 2 with one line', async (argv, message) => {
    const r = await run(trainMain, ['--cell', 'lstm', '--steps', '1', '--quiet', ...argv.map((a) => a.replace('DIR', dir))]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.replaceAll(dir, 'DIR')).toMatch(message);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });

  test('a bad cell names its row and column', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'seq,x,y\na,1,\na,2,1\nb,1,\nb,oops,1\n');
    const r = await run(trainMain, ['--cell', 'gru', '--task', 'data', '--data', bad, '--steps', '1', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`--data ${bad}: row 5, column 2 (x): "oops" is not a number\n`);
  });
});

describe('trace --input FILE.csv', () => {
  test('the same trace as the JSON rows with --target; --sequence picks one of several', async () => {
    const model = join(dir, 'model.json');
    const trained = await run(trainMain, ['--cell', 'lstm', '--task', 'adding', '--length', '6', '--hidden', '3', '--steps', '5', '--save', model, '--quiet']);
    expect(trained.code).toBe(0);
    const rows = [[0.5, 0], [0.25, 1], [0.75, 0], [0.1, 1], [0.2, 0], [0.3, 0]];
    const targets = [null, null, null, null, null, [0.35]];
    writeFileSync(join(dir, 'x.json'), JSON.stringify(rows));
    writeFileSync(join(dir, 'y.json'), JSON.stringify(targets));
    const want = await run(traceMain, ['--model', model, '--input', join(dir, 'x.json'), '--target', join(dir, 'y.json')]);
    expect(want.code).toBe(0);
    const csv = ['value,marker,target', ...rows.map((r, t) => `${r[0]},${r[1]},${targets[t] ? targets[t]![0] : ''}`)].join('\n');
    writeFileSync(join(dir, 'x.csv'), csv);
    const got = await run(traceMain, ['--model', model, '--input', join(dir, 'x.csv')]);
    expect(got.err).toBe('');
    expect(JSON.parse(got.out)).toEqual(JSON.parse(want.out));

    const two = ['id,value,marker,target', ...rows.map((r) => `a,${r[0]},${r[1]},`), ...rows.map((r, t) => `b,${r[0]},${r[1]},${targets[t] ? targets[t]![0] : ''}`)].join('\n');
    writeFileSync(join(dir, 'two.csv'), two);
    const asked = await run(traceMain, ['--model', model, '--input', join(dir, 'two.csv')]);
    expect(asked.code).toBe(2);
    expect(asked.err).toContain('holds 2 sequences ("a", "b"); pick one with --sequence ID');
    const picked = await run(traceMain, ['--model', model, '--input', join(dir, 'two.csv'), '--sequence', 'b']);
    expect(JSON.parse(picked.out)).toEqual(JSON.parse(want.out));
    const wide = await run(traceMain, ['--model', model, '--input', join(dir, 'x.csv').replace('x.csv', 'wide.csv')]);
    expect(wide.code).toBe(2);
    writeFileSync(join(dir, 'wide.csv'), 'a,b,c\n1,2,3\n4,5,6\n');
    const mismatch = await run(traceMain, ['--model', model, '--input', join(dir, 'wide.csv')]);
    expect(mismatch.err).toBe(`--input ${join(dir, 'wide.csv')}: the sequences have 3 inputs per step, the network takes 2\n`);
  });
});
