/**
 * The exported trace against the engine's own trace of the same network and sequence
 * (`traceSequence`, what `npm run trace` prints), computed independently of the snapshot.
 */
import { expect, test } from 'vitest';
import { traceSequence } from '../src/engine';
import { TrainingSession } from '../src/worker/session';
import { DEFAULT_CONFIG } from '../src/store';
import { traceCsv, traceJson } from '../src/share/traceExport';
import type { RunConfig } from '../src/worker/protocol';

const configs: [string, RunConfig][] = [
  ['lstm with peepholes on the adding task', { ...DEFAULT_CONFIG, cell: 'lstm', peephole: true, task: 'adding', length: 12, hidden: 5 }],
  ['gru', { ...DEFAULT_CONFIG, cell: 'gru', length: 9, hidden: 4 }],
  ['rnn', { ...DEFAULT_CONFIG, cell: 'rnn', task: 'remember-first', length: 7, hidden: 3 }],
];

test.each(configs)('%s: the JSON trace is the engine’s trace of the probe', (_name, config) => {
  const session = new TrainingSession(config);
  for (let k = 0; k < 5; k++) session.trainStep();
  const snap = session.snapshot(0);
  const exported = JSON.parse(traceJson(snap));
  const reference = traceSequence(session.net, exported.inputs, exported.targets);
  expect(exported.loss).toBeCloseTo(reference.loss, 6);
  expect(exported.steps.length).toBe(config.length);
  for (let k = 0; k < config.length; k++) {
    const [a, b] = [exported.steps[k], reference.steps[k]!];
    a.h.forEach((v: number, j: number) => expect(v).toBeCloseTo(b.h[j]!, 6));
    a.y.forEach((v: number, j: number) => expect(v).toBeCloseTo(b.y[j]!, 6));
    if (b.c) a.c.forEach((v: number, j: number) => expect(v).toBeCloseTo(b.c![j]!, 6));
    for (const gate of Object.keys(b.gates)) a.gates[gate].forEach((v: number, j: number) => expect(v).toBeCloseTo(b.gates[gate]![j]!, 6));
    exported.grads.h[k].forEach((v: number, j: number) => expect(v).toBeCloseTo(reference.grads.h[k]![j]!, 6));
    if (reference.grads.c) exported.grads.c[k].forEach((v: number, j: number) => expect(v).toBeCloseTo(reference.grads.c![k]![j]!, 6));
    for (const gate of Object.keys(reference.grads.gates[k]!)) {
      exported.grads.gates[k][gate].forEach((v: number, j: number) => expect(v).toBeCloseTo(reference.grads.gates[k]![gate]![j]!, 6));
    }
  }
});

test('the CSV has one row per step and unit, with the same numbers as the JSON', () => {
  const session = new TrainingSession({ ...DEFAULT_CONFIG, cell: 'lstm', task: 'adding', length: 6, hidden: 3 });
  session.trainStep();
  const snap = session.snapshot(0);
  const json = JSON.parse(traceJson(snap));
  const [header, ...lines] = traceCsv(snap).trim().split('\n');
  expect(header).toBe('t,unit,x1,x2,y1,target1,i,f,g,o,c,h,dL/dh,dL/dc,dL/dpre_i,dL/dpre_f,dL/dpre_g,dL/dpre_o');
  expect(lines.length).toBe(6 * 3);
  const col = (name: string) => header!.split(',').indexOf(name);
  for (const line of lines) {
    const v = line.split(',');
    const k = Number(v[0]) - 1;
    const j = Number(v[1]) - 1;
    expect(Number(v[col('f')])).toBe(Math.fround(json.steps[k].gates.f[j]));
    expect(Number(v[col('dL/dc')])).toBe(json.grads.c[k][j]);
    expect(Number(v[col('x2')])).toBe(json.inputs[k][1]);
    // The adding task asks only at the last step.
    expect(v[col('target1')] === '').toBe(k !== 5);
  }
});
