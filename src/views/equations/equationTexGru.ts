/**
 * The GRU's equation lines, exactly as src/engine/gru.ts computes them: z, r, the candidate g
 * (r applied to h_{t−1} before U_g, or with reset-after to U_g h_{t−1} + b^h_g), the state
 * h_t = z⊙h_{t−1} + (1−z)⊙g (z keeps the old state), and backward δh_t and the gate deltas.
 */
import type { Snapshot } from '../../worker/protocol';
import {
  FROM_Y, check, gateLine, line, num, opd, readoutLine, reader, result,
  type CellVariant, type EquationLine, type EquationSet, type Reader,
} from './equationTexCore';

/** The forward lines z, r, g, h, y at the reader's (t, unit). */
function forward(a: Reader, v: CellVariant): EquationLine[] {
  const [z, r, g, h, hp] = [a.v('z'), a.v('r'), a.v('g'), a.v('h'), a.v('h', -1)];
  const gLine = v.resetAfter
    ? line(
      'g',
      '«g|g_t» = \\tanh(W_g «x|x_t» + b_g + «r|r_t» \\odot (U_g «h|h_{t-1}» + b^{h}_g))',
      `«g|g_t» = \\tanh(W_g ${a.xTex} + b_g + «r|${opd(r)}» \\cdot (U_g «h|h_{t-1}» + b^{h}_g)) = «g|${num(g)}»`,
      g,
    )
    : line(
      'g',
      '«g|g_t» = \\tanh(W_g «x|x_t» + U_g («r|r_t» \\odot «h|h_{t-1}») + b_g)',
      `«g|g_t» = \\tanh(W_g ${a.xTex} + U_g («r|r_t» \\odot «h|h_{t-1}») + b_g) = «g|${num(g)}»`,
      g,
    );
  const hCheck = check(z * hp + (1 - z) * g, h);
  return [
    gateLine(a, 'z', '\\sigma'),
    gateLine(a, 'r', '\\sigma'),
    gLine,
    line(
      'h',
      '«h|h_t» = «z|z_t» \\odot «h|h_{t-1}» + (1 - «z|z_t») \\odot «g|g_t»',
      `«h|h_t» = «z|${opd(z)}» \\cdot «h|${opd(hp)}» + (1 - «z|${opd(z)}») \\cdot «g|${opd(g)}» ${result('h', hCheck, h)}`,
      h, hCheck,
    ),
    readoutLine(a),
  ];
}

/** The backward lines δh, δz, δg, δr at the reader's (t, unit). */
function backward(a: Reader, v: CellVariant): EquationLine[] {
  const [z, r, g, hp] = [a.v('z'), a.v('r'), a.v('g'), a.v('h', -1)];
  const [dh, dz, dr, dg] = [a.d('h'), a.d('z'), a.d('r'), a.d('g')];
  const [zN, rN, dhN] = [a.v('z', 1), a.v('r', 1), a.d('h', 1)];

  const throughG = v.resetAfter
    ? ['U_g^{\\top}(«r|r_{t+1}» \\odot «g|\\delta g_{t+1}»)', 'U_g^{\\top}(«r|r_{t+1}» \\odot «g|\\delta g_{t+1}»)']
    : ['«r|r_{t+1}» \\odot U_g^{\\top} «g|\\delta g_{t+1}»', `«r|${opd(rN)}» \\cdot U_g^{\\top} «g|\\delta g_{t+1}»`];
  const gates = 'U_z^{\\top} «z|\\delta z_{t+1}» + U_r^{\\top} «r|\\delta r_{t+1}»';
  const dhLine = line(
    'dh',
    `${FROM_Y} + ${gates} + ${throughG[0]} + «z|z_{t+1}» \\odot «h|\\delta h_{t+1}»`,
    `${FROM_Y} + ${a.last ? '0' : `${gates} + ${throughG[1]} + «z|${opd(zN)}» \\cdot «h|${opd(dhN)}»`} = «h|${num(dh)}»`,
    dh,
  );

  const dzCheck = check(dh * (hp - g) * z * (1 - z), dz);
  const dzLine = line(
    'dz',
    '«z|\\delta z_t» = «h|\\delta h_t» \\odot («h|h_{t-1}» - «g|g_t») \\odot «z|z_t»(1 - «z|z_t»)',
    `«z|\\delta z_t» = «h|${opd(dh)}» \\cdot («h|${opd(hp)}» - «g|${opd(g)}») \\cdot «z|${opd(z)}»(1 - «z|${opd(z)}») ${result('z', dzCheck, dz)}`,
    dz, dzCheck,
  );

  const dgCheck = check(dh * (1 - z) * (1 - g * g), dg);
  const dgLine = line(
    'dg',
    '«g|\\delta g_t» = «h|\\delta h_t» \\odot (1 - «z|z_t») \\odot (1 - «g|g_t^2»)',
    `«g|\\delta g_t» = «h|${opd(dh)}» \\cdot (1 - «z|${opd(z)}») \\cdot (1 - «g|${opd(g)}^2») ${result('g', dgCheck, dg)}`,
    dg, dgCheck,
  );

  // δr needs U_g (standard) or U_g h_{t−1} + b^h_g (reset-after), which the snapshot lacks; with the
  // standard variant at t = 1 the factor h_0 = 0 makes it 0, which can be checked.
  const drCheck = !v.resetAfter && hp === 0 ? check(0, dr) : undefined;
  const drLine = v.resetAfter
    ? line(
      'dr',
      '«r|\\delta r_t» = «g|\\delta g_t» \\odot (U_g «h|h_{t-1}» + b^{h}_g) \\odot «r|r_t»(1 - «r|r_t»)',
      `«r|\\delta r_t» = «g|${opd(dg)}» \\cdot (U_g «h|h_{t-1}» + b^{h}_g) \\cdot «r|${opd(r)}»(1 - «r|${opd(r)}») = «r|${num(dr)}»`,
      dr,
    )
    : line(
      'dr',
      '«r|\\delta r_t» = (U_g^{\\top} «g|\\delta g_t») \\odot «h|h_{t-1}» \\odot «r|r_t»(1 - «r|r_t»)',
      `«r|\\delta r_t» = (U_g^{\\top} «g|\\delta g_t») \\cdot «h|${opd(hp)}» \\cdot «r|${opd(r)}»(1 - «r|${opd(r)}») ${result('r', drCheck, dr)}`,
      dr, drCheck,
    );

  return [dhLine, dzLine, dgLine, drLine];
}

/** The GRU's forward and backward lines at (t, unit) of snapshot s. */
export function gruEquations(s: Snapshot, t: number, unit: number, v: CellVariant): EquationSet {
  const a = reader(s, t, unit);
  return { forward: forward(a, v), backward: backward(a, v), lastStep: a.last };
}
