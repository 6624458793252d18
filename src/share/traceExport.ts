/**
 * The probe's trace, for download: every gate, state, output and gradient at every step and
 * unit. JSON follows the trace format of `npm run trace` (docs/cli.md) without the weight
 * gradients, with the inputs, targets and run details added; CSV has one row per (t, unit).
 */
import { GATE_NAMES, isPlainCell } from '../engine/spec';
import type { Snapshot } from '../worker/protocol';

const rows = (a: Float32Array, T: number, n: number): number[][] =>
  Array.from({ length: T }, (_, k) => Array.from(a.subarray(k * n, (k + 1) * n)));

/** Gate names of the snapshot's cell; the RNN's and FNN's one block is its tanh input, "h", as in the CLI. */
function gateNames(s: Snapshot): readonly string[] {
  return isPlainCell(s.cell) ? ['h'] : GATE_NAMES[s.cell];
}

export function traceJson(s: Snapshot): string {
  const { T, H, G, I, O } = s;
  const names = gateNames(s);
  const byGate = (a: Float32Array, k: number) =>
    Object.fromEntries(names.map((name, g) => [name, Array.from(a.subarray(k * G * H + g * H, k * G * H + (g + 1) * H))]));
  const lstm = s.cell === 'lstm';
  const trace = {
    format: 'gatescope-trace',
    version: 1,
    cell: s.cell,
    peephole: s.peephole,
    resetAfter: s.resetAfter,
    trainingStep: s.step,
    inputs: rows(s.x, T, I),
    targets: Array.from({ length: T }, (_, k) => (s.targetMask[k] ? Array.from(s.target.subarray(k * O, (k + 1) * O)) : null)),
    loss: s.probeLoss,
    steps: Array.from({ length: T }, (_, k) => ({
      h: Array.from(s.h.subarray(k * H, (k + 1) * H)),
      ...(lstm ? { c: Array.from(s.c.subarray(k * H, (k + 1) * H)) } : {}),
      y: Array.from(s.y.subarray(k * O, (k + 1) * O)),
      gates: isPlainCell(s.cell) ? {} : byGate(s.gates, k),
    })),
    grads: {
      h: rows(s.dh, T, H),
      ...(lstm ? { c: rows(s.dc, T, H) } : {}),
      gates: Array.from({ length: T }, (_, k) => byGate(s.dpre, k)),
    },
  };
  return `${JSON.stringify(trace)}\n`;
}

/** A number as CSV text: shortest round trip; empty where there is no value. */
const cell = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '' : String(v));

export function traceCsv(s: Snapshot): string {
  const { T, H, G, I, O } = s;
  const names = gateNames(s);
  const lstm = s.cell === 'lstm';
  const header = [
    't', 'unit',
    ...Array.from({ length: I }, (_, k) => `x${k + 1}`),
    ...Array.from({ length: O }, (_, k) => `y${k + 1}`),
    ...Array.from({ length: O }, (_, k) => `target${k + 1}`),
    ...(isPlainCell(s.cell) ? [] : names),
    ...(lstm ? ['c'] : []),
    'h', 'dL/dh', ...(lstm ? ['dL/dc'] : []),
    ...names.map((n) => `dL/dpre_${n}`),
  ];
  const lines = [header.join(',')];
  for (let k = 0; k < T; k++) {
    const perStep = [
      ...Array.from(s.x.subarray(k * I, (k + 1) * I), cell),
      ...Array.from(s.y.subarray(k * O, (k + 1) * O), cell),
      ...Array.from({ length: O }, (_, o) => (s.targetMask[k] ? cell(s.target[k * O + o]) : '')),
    ];
    for (let j = 0; j < H; j++) {
      const gates = isPlainCell(s.cell) ? [] : names.map((_, g) => cell(s.gates[k * G * H + g * H + j]));
      lines.push(
        [
          String(k + 1), String(j + 1), ...perStep, ...gates,
          ...(lstm ? [cell(s.c[k * H + j])] : []),
          cell(s.h[k * H + j]), cell(s.dh[k * H + j]), ...(lstm ? [cell(s.dc[k * H + j])] : []),
          ...names.map((_, g) => cell(s.dpre[k * G * H + g * H + j])),
        ].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
