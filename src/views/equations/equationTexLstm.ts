/**
 * The LSTM's equation lines, exactly as src/engine/lstm.ts computes them: gates i f g o (peepholes
 * p_i⊙c_{t−1}, p_f⊙c_{t−1}, p_o⊙c_t when on; f = 1 when the forget gate is fixed), the carousel
 * c_t = f⊙c_{t−1} + i⊙g, h_t = o⊙tanh(c_t), and backward δh_t, δc_t and the pre-activation deltas.
 */
import type { Snapshot } from '../../worker/protocol';
import {
  FROM_Y, check, gateLine, line, num, opd, readoutLine, reader, result,
  type CellVariant, type EquationLine, type EquationSet, type Reader,
} from './equationTexCore';

/** The forward lines i, f, g, c, o, h, y at the reader's (t, unit). */
function forward(a: Reader, v: CellVariant): EquationLine[] {
  const [i, f, g, o, c, cp] = [a.v('i'), a.v('f'), a.v('g'), a.v('o'), a.v('c'), a.v('c', -1)];
  const peep = (k: 0 | 1 | 2, state: string, value: number): [string, string] =>
    v.peephole ? [` + p_${'ifo'[k]} \\odot «c|${state}»`, ` + ${opd(a.p(k))} \\cdot «c|${opd(value)}»`] : ['', ''];
  const fixedF = check(1, f);
  const cCheck = check(f * cp + i * g, c);
  const hv = a.v('h');
  const hCheck = check(o * Math.tanh(c), hv);
  return [
    gateLine(a, 'i', '\\sigma', ...peep(0, 'c_{t-1}', cp)),
    v.forgetFixed ? line('f', '«f|f_t» = 1', `«f|f_t» ${result('f', fixedF, f)}`, f, fixedF) : gateLine(a, 'f', '\\sigma', ...peep(1, 'c_{t-1}', cp)),
    gateLine(a, 'g', '\\tanh'),
    line(
      'c',
      '«c|c_t» = «f|f_t» \\odot «c|c_{t-1}» + «i|i_t» \\odot «g|g_t»',
      `«c|c_t» = «f|${opd(f)}» \\cdot «c|${opd(cp)}» + «i|${opd(i)}» \\cdot «g|${opd(g)}» ${result('c', cCheck, c)}`,
      c, cCheck,
    ),
    gateLine(a, 'o', '\\sigma', ...peep(2, 'c_t', c)),
    line(
      'h',
      '«h|h_t» = «o|o_t» \\odot \\tanh(«c|c_t»)',
      `«h|h_t» = «o|${opd(o)}» \\cdot \\tanh(«c|${num(c)}») ${result('h', hCheck, hv)}`,
      hv, hCheck,
    ),
    readoutLine(a),
  ];
}

/** The backward lines δh, δc, δo, δi, δf, δg at the reader's (t, unit). */
function backward(a: Reader, v: CellVariant): EquationLine[] {
  const [i, f, g, o, c, cp] = [a.v('i'), a.v('f'), a.v('g'), a.v('o'), a.v('c'), a.v('c', -1)];
  const [dh, dc, di, df, dg, dO] = [a.d('h'), a.d('c'), a.d('i'), a.d('f'), a.d('g'), a.d('o')];
  const [dcN, fN, diN, dfN] = [a.d('c', 1), a.v('f', 1), a.d('i', 1), a.d('f', 1)];
  const [pi, pf, po] = [a.p(0), a.p(1), a.p(2)];
  const peep = v.peephole;
  const tc = Math.tanh(c);

  const dhLine = line(
    'dh',
    `${FROM_Y} + \\textstyle\\sum_{k \\in \\{i,f,g,o\\}} U_k^{\\top} \\delta k_{t+1}`,
    `${FROM_Y} + ${a.last ? '0' : '\\textstyle\\sum_{k} U_k^{\\top} \\delta k_{t+1}'} = «h|${num(dh)}»`,
    dh,
  );

  const dcCheck = check(dh * o * (1 - tc * tc) + (peep ? po * dO : 0) + dcN * fN + (peep ? pi * diN + pf * dfN : 0), dc);
  const nextSym = ` + «c|\\delta c_{t+1}» \\odot «f|f_{t+1}»${peep ? ' + p_i \\odot «i|\\delta i_{t+1}» + p_f \\odot «f|\\delta f_{t+1}»' : ''}`;
  const nextNum = a.last
    ? ' + 0'
    : ` + «c|${opd(dcN)}» \\cdot «f|${opd(fN)}»${peep ? ` + ${opd(pi)} \\cdot «i|${opd(diN)}» + ${opd(pf)} \\cdot «f|${opd(dfN)}»` : ''}`;
  const dcLine = line(
    'dc',
    `«c|\\delta c_t» = «h|\\delta h_t» \\odot «o|o_t» \\odot (1 - \\tanh^2 «c|c_t»)${peep ? ' + p_o \\odot «o|\\delta o_t»' : ''}${nextSym}`,
    `«c|\\delta c_t» = «h|${opd(dh)}» \\cdot «o|${opd(o)}» \\cdot (1 - \\tanh^2(«c|${num(c)}»))${peep ? ` + ${opd(po)} \\cdot «o|${opd(dO)}»` : ''}${nextNum} ${result('c', dcCheck, dc)}`,
    dc, dcCheck,
  );

  const doCheck = check(dh * tc * o * (1 - o), dO);
  const doLine = line(
    'do',
    '«o|\\delta o_t» = «h|\\delta h_t» \\odot \\tanh(«c|c_t») \\odot «o|o_t»(1 - «o|o_t»)',
    `«o|\\delta o_t» = «h|${opd(dh)}» \\cdot \\tanh(«c|${num(c)}») \\cdot «o|${opd(o)}»(1 - «o|${opd(o)}») ${result('o', doCheck, dO)}`,
    dO, doCheck,
  );

  const diCheck = check(dc * g * i * (1 - i), di);
  const diLine = line(
    'di',
    '«i|\\delta i_t» = «c|\\delta c_t» \\odot «g|g_t» \\odot «i|i_t»(1 - «i|i_t»)',
    `«i|\\delta i_t» = «c|${opd(dc)}» \\cdot «g|${opd(g)}» \\cdot «i|${opd(i)}»(1 - «i|${opd(i)}») ${result('i', diCheck, di)}`,
    di, diCheck,
  );

  const dfCheck = check(v.forgetFixed ? 0 : dc * cp * f * (1 - f), df);
  const dfLine = v.forgetFixed
    ? line('df', '«f|\\delta f_t» = 0', `«f|\\delta f_t» ${result('f', dfCheck, df)}`, df, dfCheck)
    : line(
      'df',
      '«f|\\delta f_t» = «c|\\delta c_t» \\odot «c|c_{t-1}» \\odot «f|f_t»(1 - «f|f_t»)',
      `«f|\\delta f_t» = «c|${opd(dc)}» \\cdot «c|${opd(cp)}» \\cdot «f|${opd(f)}»(1 - «f|${opd(f)}») ${result('f', dfCheck, df)}`,
      df, dfCheck,
    );

  const dgCheck = check(dc * i * (1 - g * g), dg);
  const dgLine = line(
    'dg',
    '«g|\\delta g_t» = «c|\\delta c_t» \\odot «i|i_t» \\odot (1 - «g|g_t^2»)',
    `«g|\\delta g_t» = «c|${opd(dc)}» \\cdot «i|${opd(i)}» \\cdot (1 - «g|${opd(g)}^2») ${result('g', dgCheck, dg)}`,
    dg, dgCheck,
  );

  return [dhLine, dcLine, doLine, diLine, dfLine, dgLine];
}

/** The LSTM's forward and backward lines at (t, unit) of snapshot s. */
export function lstmEquations(s: Snapshot, t: number, unit: number, v: CellVariant): EquationSet {
  const a = reader(s, t, unit);
  return { forward: forward(a, v), backward: backward(a, v), lastStep: a.last };
}
