/**
 * The equations of the active cell as data for the Equations panel: for each line the symbolic
 * TeX, the TeX with the snapshot's numbers at (t, unit), the diagram nodes its terms name, and,
 * where every operand is in the snapshot, the arithmetic redone against the snapshot's value.
 * Pure functions: no React, no DOM. The LSTM and GRU lines live in equationTexLstm/Gru.ts.
 */
import type { Snapshot } from '../../worker/protocol';
import {
  FROM_Y, check, line, num, opd, readoutLine, reader, result,
  type CellVariant, type EquationLine, type EquationSet,
} from './equationTexCore';
import { lstmEquations } from './equationTexLstm';
import { gruEquations } from './equationTexGru';

export type { CellVariant, Check, EquationLine, EquationSet, Term } from './equationTexCore';
export { CHECK_ABS, CHECK_REL, num } from './equationTexCore';

/** The variant a snapshot was computed with (the forget-gate switch lives in the run config). */
export function variantOf(s: Snapshot, forgetFixed: boolean): CellVariant {
  return {
    cell: s.cell,
    peephole: s.cell === 'lstm' && s.peephole,
    resetAfter: s.cell === 'gru' && s.resetAfter,
    forgetFixed: s.cell === 'lstm' && forgetFixed,
    change: s.cell === 'lstm' ? s.change : null,
  };
}

/** δa_t = δh_t⊙(1 − h_t²): the tanh neuron's backward line (RNN and FNN), checked against the snapshot. */
function tanhDeltaLine(h: number, dh: number, da: number): EquationLine {
  const daCheck = check(dh * (1 - h * h), da);
  return line(
    'da',
    '«h|\\delta a_t» = «h|\\delta h_t» \\odot (1 - «h|h_t^2»)',
    `«h|\\delta a_t» = «h|${opd(dh)}» \\cdot (1 - «h|${opd(h)}^2») ${result('h', daCheck, da)}`,
    da, daCheck,
  );
}

/** The vanilla RNN's lines, as src/engine/rnn.ts computes them: h_t = tanh(a_t), δa_t = δh_t⊙(1 − h_t²). */
function rnnEquations(s: Snapshot, t: number, unit: number): EquationSet {
  const a = reader(s, t, unit);
  const [h, dh, da] = [a.v('h'), a.d('h'), a.dpre(0)];
  const forward: EquationLine[] = [
    line(
      'h',
      '«h|h_t» = \\tanh(a_t), \\quad a_t = W «x|x_t» + U «h|h_{t-1}» + b',
      `«h|h_t» = \\tanh(W ${a.xTex} + U «h|h_{t-1}» + b) = «h|${num(h)}»`,
      h,
    ),
    readoutLine(a),
  ];
  const backward: EquationLine[] = [
    line(
      'dh',
      `${FROM_Y} + U^{\\top} «h|\\delta a_{t+1}»`,
      `${FROM_Y} + ${a.last ? '0' : `U^{\\top} «h|\\delta a_{t+1}»`} = «h|${num(dh)}»`,
      dh,
    ),
    tanhDeltaLine(h, dh, da),
  ];
  return { forward, backward, lastStep: a.last };
}

/** The FNN's lines, as src/engine/fnn.ts computes them: no h_{t−1}, nothing from step t + 1. */
function fnnEquations(s: Snapshot, t: number, unit: number): EquationSet {
  const a = reader(s, t, unit);
  const [h, dh, da] = [a.v('h'), a.d('h'), a.dpre(0)];
  const k = s.window;
  const windowTex = k <= 1 ? '«x|x_t»' : k === 2 ? '[«x|x_t»; x_{t-1}]' : `[«x|x_t»; x_{t-1}; \\dots; x_{t-${k - 1}}]`;
  const forward: EquationLine[] = [
    line('h', `«h|h_t» = \\tanh(W ${windowTex} + b)`, `«h|h_t» = \\tanh(W ${windowTex} + b) = «h|${num(h)}»`, h),
    readoutLine(a),
  ];
  const backward: EquationLine[] = [
    line('dh', FROM_Y, `${FROM_Y} = «h|${num(dh)}»`, dh),
    tanhDeltaLine(h, dh, da),
  ];
  return { forward, backward, lastStep: a.last };
}

/** Every forward and backward line of the variant's cell at step t (1-based) and unit (0-based) of snapshot s. */
export function equationLines(s: Snapshot, t: number, unit: number, variant: CellVariant): EquationSet {
  if (variant.cell === 'lstm') return lstmEquations(s, t, unit, variant);
  if (variant.cell === 'gru') return gruEquations(s, t, unit, variant);
  if (variant.cell === 'fnn') return fnnEquations(s, t, unit);
  return rnnEquations(s, t, unit);
}
