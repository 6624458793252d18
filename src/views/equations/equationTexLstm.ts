/**
 * The LSTM's equation lines, exactly as src/engine/lstm.ts computes them: gates i f g o (peepholes
 * p_i⊙c_{t−1}, p_f⊙c_{t−1}, p_o⊙c_t when on; f = 1 when the forget gate is fixed), the carousel
 * c_t = f⊙c_{t−1} + i⊙g, h_t = o⊙tanh(c_t), and backward δh_t, δc_t and the pre-activation deltas;
 * with one change of Greff et al. where the run has one (NIG i = 1, NOG o = 1, NIAF g linear,
 * NOAF h = o⊙c, CIFG f = 1 − i, FGR the gate recurrence R).
 */
import type { Snapshot } from '../../worker/protocol';
import {
  FROM_Y, check, gateLine, line, num, opd, readoutLine, reader, result,
  type CellVariant, type EquationLine, type EquationSet, type Reader,
} from './equationTexCore';

/** A gate taken out of the cell (the 1997 LSTM's f, NIG's i, NOG's o): k_t = 1. */
function fixedLine(k: 'i' | 'f' | 'o', value: number): EquationLine {
  const chk = check(1, value);
  return line(k, `«${k}|${k}_t» = 1`, `«${k}|${k}_t» ${result(k, chk, value)}`, value, chk);
}

/** FGR: the terms gate k gets from the gate values of the step before, Σ_y R_ky y_{t−1}. */
const fromGates = (v: CellVariant, k: 'i' | 'f' | 'o'): string =>
  v.change === 'FGR' ? ` + \\textstyle\\sum_{y \\in \\{i,f,o\\}} R_{${k}y}\\, y_{t-1}` : '';

/** The forward lines i, f, g, c, o, h, y at the reader's (t, unit). */
function forward(a: Reader, v: CellVariant): EquationLine[] {
  const [i, f, g, o, c, cp] = [a.v('i'), a.v('f'), a.v('g'), a.v('o'), a.v('c'), a.v('c', -1)];
  const ch = v.change;
  // The extra terms of controller k's pre-activation: its peephole, and FGR's gate recurrence.
  const extra = (k: 0 | 1 | 2, state: string, value: number): [string, string] => {
    const gate = (['i', 'f', 'o'] as const)[k];
    const [ps, pn] = v.peephole ? [` + p_${gate} \\odot «c|${state}»`, ` + ${opd(a.p(k))} \\cdot «c|${opd(value)}»`] : ['', ''];
    return [ps + fromGates(v, gate), pn + fromGates(v, gate)];
  };
  const cCheck = check(f * cp + i * g, c);
  const hv = a.v('h');
  const linearOut = ch === 'NOAF';
  const hCheck = check(o * (linearOut ? c : Math.tanh(c)), hv);
  const fCoupled = check(1 - i, f);
  return [
    ch === 'NIG' ? fixedLine('i', i) : gateLine(a, 'i', '\\sigma', ...extra(0, 'c_{t-1}', cp)),
    v.forgetFixed
      ? fixedLine('f', f)
      : ch === 'CIFG'
        ? line('f', '«f|f_t» = 1 - «i|i_t»', `«f|f_t» = 1 - «i|${opd(i)}» ${result('f', fCoupled, f)}`, f, fCoupled)
        : gateLine(a, 'f', '\\sigma', ...extra(1, 'c_{t-1}', cp)),
    // NIAF: g without its activation function, the pre-activation itself.
    gateLine(a, 'g', ch === 'NIAF' ? '' : '\\tanh'),
    line(
      'c',
      '«c|c_t» = «f|f_t» \\odot «c|c_{t-1}» + «i|i_t» \\odot «g|g_t»',
      `«c|c_t» = «f|${opd(f)}» \\cdot «c|${opd(cp)}» + «i|${opd(i)}» \\cdot «g|${opd(g)}» ${result('c', cCheck, c)}`,
      c, cCheck,
    ),
    ch === 'NOG' ? fixedLine('o', o) : gateLine(a, 'o', '\\sigma', ...extra(2, 'c_t', c)),
    linearOut
      ? line('h', '«h|h_t» = «o|o_t» \\odot «c|c_t»', `«h|h_t» = «o|${opd(o)}» \\cdot «c|${opd(c)}» ${result('h', hCheck, hv)}`, hv, hCheck)
      : line(
        'h',
        '«h|h_t» = «o|o_t» \\odot \\tanh(«c|c_t»)',
        `«h|h_t» = «o|${opd(o)}» \\cdot \\tanh(«c|${num(c)}») ${result('h', hCheck, hv)}`,
        hv, hCheck,
      ),
    readoutLine(a),
  ];
}

/** A delta that is 0 because its gate has no pre-activation (taken out, or CIFG's f made from i). */
function zeroLine(k: 'i' | 'f' | 'o', value: number): EquationLine {
  const chk = check(0, value);
  return line(`d${k}`, `«${k}|\\delta ${k}_t» = 0`, `«${k}|\\delta ${k}_t» ${result(k, chk, value)}`, value, chk);
}

/** FGR: what reaches gate k's value from step t + 1 through R, Σ_x R_xkᵀ δx_{t+1} (not in the snapshot, so unchecked). */
const throughR = (v: CellVariant, k: 'i' | 'f' | 'o', last: boolean): string =>
  v.change === 'FGR' && !last ? ` + \\textstyle\\sum_{x} R_{x${k}}^{\\top} \\delta x_{t+1}` : '';

/** The backward lines δh, δc, δo, δi, δf, δg at the reader's (t, unit). */
function backward(a: Reader, v: CellVariant): EquationLine[] {
  const [i, f, g, o, c, cp] = [a.v('i'), a.v('f'), a.v('g'), a.v('o'), a.v('c'), a.v('c', -1)];
  const [dh, dc, di, df, dg, dO] = [a.d('h'), a.d('c'), a.d('i'), a.d('f'), a.d('g'), a.d('o')];
  const [dcN, fN, diN, dfN] = [a.d('c', 1), a.v('f', 1), a.d('i', 1), a.d('f', 1)];
  const [pi, pf, po] = [a.p(0), a.p(1), a.p(2)];
  const peep = v.peephole;
  const ch = v.change;
  const linearOut = ch === 'NOAF';
  // What h_t is made of besides o_t: tanh(c_t), or c_t itself without the output activation.
  const tc = linearOut ? c : Math.tanh(c);
  const slope = linearOut ? 1 : 1 - tc * tc;
  const [tcSym, tcNum] = linearOut ? ['«c|c_t»', `«c|${opd(c)}»`] : ['\\tanh(«c|c_t»)', `\\tanh(«c|${num(c)}»)`];
  // A line with FGR's term from step t + 1 has an operand the snapshot lacks: it is shown, not checked.
  const checked = (k: 'i' | 'f' | 'o', chk: ReturnType<typeof check>) => (throughR(v, k, a.last) ? undefined : chk);
  // What reaches gate k's value: the product, plus FGR's term in parentheses with it.
  const reach = (k: 'i' | 'f' | 'o', product: string) => (throughR(v, k, a.last) ? `(${product}${throughR(v, k, a.last)})` : product);

  const dhLine = line(
    'dh',
    `${FROM_Y} + \\textstyle\\sum_{k \\in \\{i,f,g,o\\}} U_k^{\\top} \\delta k_{t+1}`,
    `${FROM_Y} + ${a.last ? '0' : '\\textstyle\\sum_{k} U_k^{\\top} \\delta k_{t+1}'} = «h|${num(dh)}»`,
    dh,
  );

  const dcCheck = check(dh * o * slope + (peep ? po * dO : 0) + dcN * fN + (peep ? pi * diN + pf * dfN : 0), dc);
  const nextSym = ` + «c|\\delta c_{t+1}» \\odot «f|f_{t+1}»${peep ? ' + p_i \\odot «i|\\delta i_{t+1}» + p_f \\odot «f|\\delta f_{t+1}»' : ''}`;
  const nextNum = a.last
    ? ' + 0'
    : ` + «c|${opd(dcN)}» \\cdot «f|${opd(fN)}»${peep ? ` + ${opd(pi)} \\cdot «i|${opd(diN)}» + ${opd(pf)} \\cdot «f|${opd(dfN)}»` : ''}`;
  const [slopeSym, slopeNum] = linearOut ? ['', ''] : [' \\odot (1 - \\tanh^2 «c|c_t»)', ` \\cdot (1 - \\tanh^2(«c|${num(c)}»))`];
  const dcLine = line(
    'dc',
    `«c|\\delta c_t» = «h|\\delta h_t» \\odot «o|o_t»${slopeSym}${peep ? ' + p_o \\odot «o|\\delta o_t»' : ''}${nextSym}`,
    `«c|\\delta c_t» = «h|${opd(dh)}» \\cdot «o|${opd(o)}»${slopeNum}${peep ? ` + ${opd(po)} \\cdot «o|${opd(dO)}»` : ''}${nextNum} ${result('c', dcCheck, dc)}`,
    dc, dcCheck,
  );

  const doCheck = checked('o', check(dh * tc * o * (1 - o), dO));
  const doLine = ch === 'NOG' ? zeroLine('o', dO) : line(
    'do',
    `«o|\\delta o_t» = ${reach('o', `«h|\\delta h_t» \\odot ${tcSym}`)} \\odot «o|o_t»(1 - «o|o_t»)`,
    `«o|\\delta o_t» = ${reach('o', `«h|${opd(dh)}» \\cdot ${tcNum}`)} \\cdot «o|${opd(o)}»(1 - «o|${opd(o)}») ${result('o', doCheck, dO)}`,
    dO, doCheck,
  );

  // CIFG: i_t also sets f_t = 1 − i_t, so c_t moves by g_t − c_{t−1} per unit of i_t.
  const coupled = ch === 'CIFG';
  const [byI, byINum] = coupled ? ['(«g|g_t» - «c|c_{t-1}»)', `(«g|${opd(g)}» - «c|${opd(cp)}»)`] : ['«g|g_t»', `«g|${opd(g)}»`];
  const diCheck = checked('i', check(dc * (coupled ? g - cp : g) * i * (1 - i), di));
  const diLine = ch === 'NIG' ? zeroLine('i', di) : line(
    'di',
    `«i|\\delta i_t» = ${reach('i', `«c|\\delta c_t» \\odot ${byI}`)} \\odot «i|i_t»(1 - «i|i_t»)`,
    `«i|\\delta i_t» = ${reach('i', `«c|${opd(dc)}» \\cdot ${byINum}`)} \\cdot «i|${opd(i)}»(1 - «i|${opd(i)}») ${result('i', diCheck, di)}`,
    di, diCheck,
  );

  const dfCheck = checked('f', check(dc * cp * f * (1 - f), df));
  const dfLine = v.forgetFixed || coupled
    ? zeroLine('f', df)
    : line(
      'df',
      `«f|\\delta f_t» = ${reach('f', '«c|\\delta c_t» \\odot «c|c_{t-1}»')} \\odot «f|f_t»(1 - «f|f_t»)`,
      `«f|\\delta f_t» = ${reach('f', `«c|${opd(dc)}» \\cdot «c|${opd(cp)}»`)} \\cdot «f|${opd(f)}»(1 - «f|${opd(f)}») ${result('f', dfCheck, df)}`,
      df, dfCheck,
    );

  // NIAF: g_t is its pre-activation, whose slope is 1.
  const linearG = ch === 'NIAF';
  const dgCheck = check(dc * i * (linearG ? 1 : 1 - g * g), dg);
  const dgLine = line(
    'dg',
    `«g|\\delta g_t» = «c|\\delta c_t» \\odot «i|i_t»${linearG ? '' : ' \\odot (1 - «g|g_t^2»)'}`,
    `«g|\\delta g_t» = «c|${opd(dc)}» \\cdot «i|${opd(i)}»${linearG ? '' : ` \\cdot (1 - «g|${opd(g)}^2»)`} ${result('g', dgCheck, dg)}`,
    dg, dgCheck,
  );

  return [dhLine, dcLine, doLine, diLine, dfLine, dgLine];
}

/** The LSTM's forward and backward lines at (t, unit) of snapshot s. */
export function lstmEquations(s: Snapshot, t: number, unit: number, v: CellVariant): EquationSet {
  const a = reader(s, t, unit);
  return { forward: forward(a, v), backward: backward(a, v), lastStep: a.last };
}
