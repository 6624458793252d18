/**
 * The Equations panel's lines, on real snapshots of trained sessions: every substituted line's
 * numbers, combined as its equation says, give the value the snapshot holds; the lines whose
 * operands the snapshot lacks (gate pre-activations, δh_t, the GRU's δr_t) are recomputed from the
 * network's weights, which proves their symbolic form; and a wrong value is caught.
 */
import { describe, expect, test } from 'vitest';
import katex from 'katex';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { TrainingSession } from '../src/worker/session';
import { DEFAULT_CONFIG } from '../src/store';
import { Rng } from '../src/engine';
import type { RunConfig, Snapshot } from '../src/worker/protocol';
import { equationLines, num, variantOf, type EquationLine, type EquationSet } from '../src/views/equations/equationTex';
import { EquationsBody } from '../src/views/equations/Equations';

interface Case {
  readonly name: string;
  readonly patch: Partial<RunConfig>;
  readonly keys: readonly string[];
  /** The lines whose arithmetic can be redone from the snapshot alone (at step t). */
  readonly checked: readonly string[] | ((t: number) => readonly string[]);
}

const LSTM_KEYS = ['i', 'f', 'g', 'c', 'o', 'h', 'y', 'dh', 'dc', 'do', 'di', 'df', 'dg'];
const LSTM_CHECKED = ['c', 'h', 'dc', 'do', 'di', 'df', 'dg'];
const GRU_KEYS = ['z', 'r', 'g', 'h', 'y', 'dh', 'dz', 'dg', 'dr'];
const CASES: readonly Case[] = [
  { name: 'LSTM', patch: { cell: 'lstm' }, keys: LSTM_KEYS, checked: LSTM_CHECKED },
  { name: 'LSTM with peepholes', patch: { cell: 'lstm', peephole: true }, keys: LSTM_KEYS, checked: LSTM_CHECKED },
  { name: 'LSTM, forget gate fixed', patch: { cell: 'lstm', forgetFixed: true }, keys: LSTM_KEYS, checked: ['f', ...LSTM_CHECKED] },
  { name: 'LSTM, peepholes and f fixed', patch: { cell: 'lstm', peephole: true, forgetFixed: true }, keys: LSTM_KEYS, checked: ['f', ...LSTM_CHECKED] },
  { name: 'LSTM NIG, peepholes', patch: { cell: 'lstm', peephole: true, change: 'NIG' }, keys: LSTM_KEYS, checked: ['i', ...LSTM_CHECKED] },
  { name: 'LSTM NOG, peepholes', patch: { cell: 'lstm', peephole: true, change: 'NOG' }, keys: LSTM_KEYS, checked: ['c', 'o', 'h', 'dc', 'do', 'di', 'df', 'dg'] },
  { name: 'LSTM NIAF', patch: { cell: 'lstm', change: 'NIAF' }, keys: LSTM_KEYS, checked: LSTM_CHECKED },
  { name: 'LSTM NOAF, peepholes', patch: { cell: 'lstm', peephole: true, change: 'NOAF' }, keys: LSTM_KEYS, checked: LSTM_CHECKED },
  { name: 'LSTM CIFG, peepholes', patch: { cell: 'lstm', peephole: true, change: 'CIFG' }, keys: LSTM_KEYS, checked: ['f', ...LSTM_CHECKED] },
  // FGR's δo, δi, δf take a term through R from step t + 1, which the snapshot does not hold (none at the last step).
  { name: 'LSTM FGR, peepholes', patch: { cell: 'lstm', peephole: true, change: 'FGR' }, keys: LSTM_KEYS, checked: (t) => (t === T ? LSTM_CHECKED : ['c', 'h', 'dc', 'dg']) },
  { name: 'LSTM, two inputs (adding)', patch: { cell: 'lstm', peephole: true, task: 'adding' }, keys: LSTM_KEYS, checked: LSTM_CHECKED },
  { name: 'GRU', patch: { cell: 'gru' }, keys: GRU_KEYS, checked: ['h', 'dz', 'dg'] },
  { name: 'GRU reset-after', patch: { cell: 'gru', resetAfter: true }, keys: GRU_KEYS, checked: ['h', 'dz', 'dg'] },
  { name: 'RNN', patch: { cell: 'rnn' }, keys: ['h', 'y', 'dh', 'da'], checked: ['da'] },
  { name: 'FNN, window 3', patch: { cell: 'fnn', window: 3, task: 'sine' }, keys: ['h', 'y', 'dh', 'da'], checked: ['da'] },
];

const H = 5;
const T = 12;

/** A session trained a few steps, with peepholes and b^h_g drawn at random (they start at 0), and its snapshot. */
function run(patch: Partial<RunConfig>): { session: TrainingSession; snap: Snapshot } {
  const session = new TrainingSession({ ...DEFAULT_CONFIG, hidden: H, length: T, batch: 4, ...patch });
  for (let k = 0; k < 5; k++) expect(session.trainStep()).toBe(true);
  const rng = new Rng(7);
  for (const p of [session.net.P, session.net.bh]) for (let k = 0; k < p.w.length; k++) p.w[k] = rng.uniform(-0.9, 0.9);
  return { session, snap: session.snapshot(0) };
}

const RUNS = new Map(CASES.map((c) => [c.name, run(c.patch)] as const));
const runOf = (c: Case) => RUNS.get(c.name)!;
const variant = (c: Case, snap: Snapshot) => variantOf(snap, c.patch.forgetFixed === true);
const POSITIONS: readonly (readonly [number, number])[] = [[1, 0], [2, 1], [6, 2], [T - 1, 3], [T, H - 1]];
const all = (e: EquationSet): EquationLine[] => [...e.forward, ...e.backward];
const byKey = (e: EquationSet, key: string): EquationLine => all(e).find((l) => l.key === key)!;
const close = (a: number, b: number, rel = 1e-4, abs = 1e-6) => Math.abs(a - b) <= Math.max(abs, rel * Math.abs(b));

/** What the snapshot holds for a line's left-hand side, read straight from its arrays. */
function held(snap: Snapshot, key: string, t: number, j: number): number {
  const names: readonly string[] = snap.cell === 'lstm' ? ['i', 'f', 'g', 'o'] : snap.cell === 'gru' ? ['z', 'r', 'g'] : ['a'];
  const row = (t - 1) * H + j;
  const gateRow = (name: string) => (t - 1) * snap.G * H + names.indexOf(name) * H + j;
  if (key === 'y') return snap.y[(t - 1) * snap.O]!;
  if (key === 'h') return snap.h[row]!;
  if (key === 'c') return snap.c[row]!;
  if (key === 'dh') return snap.dh[row]!;
  if (key === 'dc') return snap.dc[row]!;
  if (key.startsWith('d')) return snap.dpre[gateRow(key.slice(1))]!;
  return snap.gates[gateRow(key)]!;
}

describe.each(CASES)('$name', (c) => {
  const { session, snap } = runOf(c);

  test.each(POSITIONS)('t = %i, unit %i: each line shows the snapshot value, and every substituted line adds up', (t, j) => {
    const e = equationLines(snap, t, j, variant(c, snap));
    expect(all(e).map((l) => l.key)).toEqual(c.keys);
    const checked = all(e).filter((l) => l.check).map((l) => l.key);
    const expected = typeof c.checked === 'function' ? c.checked(t) : c.checked;
    // The standard GRU's δr_1 is checkable too: its factor h_0 is 0.
    expect(checked).toEqual(c.patch.cell === 'gru' && !c.patch.resetAfter && t === 1 ? [...expected, 'dr'] : expected);
    for (const l of all(e)) {
      expect(l.value, l.key).toBe(held(snap, l.key, t, j));
      if (!l.check) continue;
      expect(l.check.expected).toBe(l.value);
      expect(l.check.ok, `${l.key}: ${l.texNumbers}`).toBe(true);
      expect(close(l.check.computed, l.check.expected), l.key).toBe(true);
      expect(l.texNumbers).not.toContain('\\neq');
    }
    expect(e.lastStep).toBe(t === T);
  });

  test.each(POSITIONS)('t = %i, unit %i: the lines the snapshot cannot check agree with the network’s weights', (t, j) => {
    const e = equationLines(snap, t, j, variant(c, snap));
    const fromWeights = recompute(session, snap, t, j, c.patch.forgetFixed === true);
    for (const [key, value] of Object.entries(fromWeights)) {
      expect(close(byKey(e, key).value, value, 1e-4, 1e-5), `${key}: ${byKey(e, key).value} vs ${value}`).toBe(true);
    }
  });

  test('every TeX string parses, whole and term by term', () => {
    for (const [t, j] of POSITIONS) {
      for (const l of all(equationLines(snap, t, j, variant(c, snap)))) {
        for (const tex of [l.tex, l.texNumbers, ...l.symbolic.map((x) => x.tex), ...l.numeric.map((x) => x.tex)]) {
          expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), tex).not.toThrow();
        }
        expect(l.nodes.length).toBeGreaterThan(0);
      }
    }
  });
});

/**
 * The quantities that need weights the snapshot does not carry, recomputed in float64 from the
 * network: gate values from their pre-activations, δh_t from W_y^⊤ ∂L/∂y_t and step t+1, the GRU's δr_t.
 */
function recompute(session: TrainingSession, s: Snapshot, t: number, j: number, fixed: boolean): Record<string, number> {
  const net = session.net;
  const [W, U, b, P, bh, Wy] = [net.W.w, net.U.w, net.b.w, net.P.w, net.bh.w, net.Wy.w];
  const { I, O, G } = s;
  const hPrev = (m: number) => (t > 1 ? s.h[(t - 2) * H + m]! : 0);
  const gate = (tt: number, k: number, m: number) => s.gates[(tt - 1) * G * H + k * H + m]!;
  const dpre = (tt: number, k: number, m: number) => s.dpre[(tt - 1) * G * H + k * H + m]!;
  const sum = (n: number, f: (m: number) => number) => Array.from({ length: n }, (_, m) => f(m)).reduce((x, y) => x + y, 0);
  const wx = (k: number) => sum(I, (m) => W[(k * H + j) * I + m]! * s.x[(t - 1) * I + m]!) + b[k * H + j]!;
  const uh = (k: number, row = j) => sum(H, (m) => U[(k * H + row) * H + m]! * hPrev(m));
  const sig = (v: number) => 1 / (1 + Math.exp(-v));
  const ut = (k: number, f: (m: number) => number) => sum(H, (m) => U[(k * H + m) * H + j]! * f(m)); // (U_kᵀ v)_j
  // ∂L/∂y_t of the mean squared error over the probe's targets.
  const n = s.targetMask.reduce((x, y) => x + y, 0) * O;
  const fromY = sum(O, (o) => (s.targetMask[t - 1] ? (Wy[o * H + j]! * 2 * (s.y[(t - 1) * O + o]! - s.target[(t - 1) * O + o]!)) / n : 0));
  const out: Record<string, number> = {};
  if (s.cell === 'lstm') {
    const cPrev = t > 1 ? s.c[(t - 2) * H + j]! : 0;
    const p = (k: number) => (s.peephole ? P[k * H + j]! : 0);
    const ch = s.change;
    const R = net.R.w;
    const at = (y: number) => (y === 2 ? 3 : y); // gate i, f, o (R's order) in the fused blocks i f g o
    // FGR: Σ_y R_xy y_{t−1} into gate x; and what gate y's value at t gets back from t + 1 through R.
    const rec = (x: number) => (ch === 'FGR' && t > 1 ? sum(3, (y) => sum(H, (m) => R[(3 * x + y) * H * H + j * H + m]! * gate(t - 1, at(y), m))) : 0);
    const back = (y: number) => (ch === 'FGR' && t < T ? sum(3, (x) => sum(H, (m) => R[(3 * x + y) * H * H + m * H + j]! * dpre(t + 1, at(x), m))) : 0);
    out.i = ch === 'NIG' ? 1 : sig(wx(0) + uh(0) + p(0) * cPrev + rec(0));
    out.f = fixed ? 1 : ch === 'CIFG' ? 1 - out.i : sig(wx(1) + uh(1) + p(1) * cPrev + rec(1));
    out.g = ch === 'NIAF' ? wx(2) + uh(2) : Math.tanh(wx(2) + uh(2));
    const c = s.c[(t - 1) * H + j]!;
    out.o = ch === 'NOG' ? 1 : sig(wx(3) + uh(3) + p(2) * c + rec(2));
    if (ch === 'FGR') {
      const [dh, dc] = [s.dh[(t - 1) * H + j]!, s.dc[(t - 1) * H + j]!];
      out.do = (dh * Math.tanh(c) + back(2)) * out.o * (1 - out.o);
      out.di = (dc * out.g + back(0)) * out.i * (1 - out.i);
      out.df = (dc * cPrev + back(1)) * out.f * (1 - out.f);
    }
    out.dh = fromY + (t < T ? sum(4, (k) => ut(k, (m) => dpre(t + 1, k, m))) : 0);
  } else if (s.cell === 'gru') {
    const r = gate(t, 1, j);
    out.z = sig(wx(0) + uh(0));
    out.r = sig(wx(1) + uh(1));
    out.g = Math.tanh(s.resetAfter
      ? wx(2) + r * (uh(2) + bh[j]!)
      : wx(2) + sum(H, (m) => U[(2 * H + j) * H + m]! * gate(t, 1, m) * hPrev(m)));
    const back = t < T
      ? ut(0, (m) => dpre(t + 1, 0, m)) + ut(1, (m) => dpre(t + 1, 1, m)) + gate(t + 1, 0, j) * s.dh[t * H + j]! +
        (s.resetAfter ? ut(2, (m) => gate(t + 1, 1, m) * dpre(t + 1, 2, m)) : gate(t + 1, 1, j) * ut(2, (m) => dpre(t + 1, 2, m)))
      : 0;
    out.dh = fromY + back;
    out.dr = (s.resetAfter ? dpre(t, 2, j) * (uh(2) + bh[j]!) : ut(2, (m) => dpre(t, 2, m)) * hPrev(j)) * r * (1 - r);
  } else if (s.cell === 'fnn') {
    // W spans the window [x_t; x_{t−1}; …; x_{t−k+1}], zeros before step 1; nothing comes back from t + 1.
    const k = s.window;
    const xAt = (lag: number, m: number) => (t - lag >= 1 ? s.x[(t - 1 - lag) * I + m]! : 0);
    const pre = sum(k * I, (q) => W[j * k * I + q]! * xAt(Math.floor(q / I), q % I)) + b[j]!;
    out.h = Math.tanh(pre);
    out.dh = fromY;
  } else {
    out.h = Math.tanh(wx(0) + uh(0));
    out.dh = fromY + (t < T ? ut(0, (m) => dpre(t + 1, 0, m)) : 0);
  }
  return out;
}

describe('what the lines say', () => {
  const lstm = runOf(CASES[0]!).snap;
  const peep = runOf(CASES[1]!).snap;
  const fixed = runOf(CASES[2]!).snap;
  const named = (name: string) => RUNS.get(name)!.snap;

  test('peephole terms appear only with peepholes on, with the unit’s p values', () => {
    const off = equationLines(lstm, 4, 1, variantOf(lstm, false));
    expect(all(off).some((l) => /p_[ifo]/.test(l.tex + l.texNumbers))).toBe(false);
    const on = equationLines(peep, 4, 1, variantOf(peep, false));
    expect(byKey(on, 'i').tex).toContain('p_i \\odot c_{t-1}');
    expect(byKey(on, 'f').tex).toContain('p_f \\odot c_{t-1}');
    expect(byKey(on, 'o').tex).toContain('p_o \\odot c_t');
    expect(byKey(on, 'dc').tex).toMatch(/p_o .*p_i .*p_f /);
    for (const [key, k] of [['i', 0], ['f', 1], ['o', 2]] as const) expect(byKey(on, key).texNumbers).toContain(num(peep.peep[k * H + 1]!).replace(/^-/, ''));
  });

  test('with the forget gate fixed, f_t = 1 and δf_t = 0', () => {
    const e = equationLines(fixed, 5, 2, variantOf(fixed, true));
    expect(byKey(e, 'f').tex).toBe('f_t = 1');
    expect(byKey(e, 'df').tex).toBe('\\delta f_t = 0');
    expect(byKey(e, 'f').value).toBe(1);
    expect(byKey(e, 'df').value).toBe(0);
  });

  test('at the last step the terms from t + 1 are written as 0', () => {
    const last = equationLines(peep, T, 0, variantOf(peep, false));
    expect(byKey(last, 'dc').texNumbers).toMatch(/\+ 0 =/);
    expect(byKey(last, 'dh').texNumbers).toMatch(/\+ 0 =/);
    const before = equationLines(peep, T - 1, 0, variantOf(peep, false));
    expect(byKey(before, 'dc').texNumbers).not.toMatch(/\+ 0 =/);
    expect([last.lastStep, before.lastStep]).toEqual([true, false]);
  });

  test('a wrong value in the snapshot is caught, and the line shows ≠', () => {
    const t = 5;
    const j = 3;
    const k = (t - 1) * H + j;
    const nudge = (a: Float32Array, i: number) => {
      const copy = a.slice();
      copy[i] = copy[i]! + 1e-3 + 0.01 * Math.abs(copy[i]!);
      return copy;
    };
    const cases: [Snapshot, string, boolean][] = [
      [{ ...lstm, dc: nudge(lstm.dc, k) }, 'dc', false],
      [{ ...lstm, c: nudge(lstm.c, k) }, 'c', false],
      [{ ...lstm, gates: nudge(lstm.gates, (t - 1) * 4 * H + 3 * H + j) }, 'h', false],
      [{ ...lstm, dpre: nudge(lstm.dpre, (t - 1) * 4 * H + j) }, 'di', false],
      [{ ...fixed, gates: nudge(fixed.gates, (t - 1) * 4 * H + H + j) }, 'f', true],
      [{ ...named('GRU'), h: nudge(named('GRU').h, k) }, 'h', false],
      [{ ...named('RNN'), dpre: nudge(named('RNN').dpre, k) }, 'da', false],
      // CIFG's f_t = 1 − i_t, and NOAF's h_t = o_t⊙c_t.
      [{ ...named('LSTM CIFG, peepholes'), gates: nudge(named('LSTM CIFG, peepholes').gates, (t - 1) * 4 * H + H + j) }, 'f', false],
      [{ ...named('LSTM NOAF, peepholes'), h: nudge(named('LSTM NOAF, peepholes').h, k) }, 'h', false],
    ];
    for (const [s, key, ff] of cases) {
      const l = byKey(equationLines(s, t, j, variantOf(s, ff)), key);
      expect(l.check?.ok, key).toBe(false);
      expect(l.texNumbers, key).toContain('\\neq');
    }
  });

  test('numbers: four significant digits, ×10^k when tiny or huge', () => {
    expect([num(0.5), num(-1.23456), num(0), num(12.5), num(1e-5), num(-2.5e-4), num(123456), num(9999.7)]).toEqual([
      '0.5', '-1.235', '0', '12.5', '1\\times 10^{-5}', '-2.5\\times 10^{-4}', '1.235\\times 10^{5}', '1\\times 10^{4}',
    ]);
  });

  test('the panel marks terms with their node, reachable by the roving focus in the symbolic rows, and highlights the hovered one', () => {
    const e = equationLines(lstm, 3, 0, variantOf(lstm, false));
    const html = renderToStaticMarkup(createElement(EquationsBody, {
      equations: e, hover: 'c', titles: { c: 'cell state' }, onHover: () => {},
      labels: { forward: 'Forward pass', backward: 'Backward pass', hoverHint: 'hint', lastStep: 'last', terms: 'terms' },
    }));
    expect(html).toContain('Forward pass');
    // Each piece of TeX gets its own element, which KaTeX fills in the browser (e2e/csp.spec.ts
    // checks the typesetting there): one per term of every row.
    const pieces = all(e).reduce((n, l) => n + l.symbolic.length + l.numeric.length, 0);
    expect(html.match(/<span class="eq-tex"><\/span>/g)?.length).toBe(pieces);
    const terms = [...html.matchAll(/<span class="eq-term( eq-term-hovered)?" data-node="([a-z])"( tabindex="-1")?/g)];
    expect(terms.length).toBeGreaterThan(40);
    expect(terms.every((m) => (m[1] !== undefined) === (m[2] === 'c'))).toBe(true);
    expect(terms.filter((m) => m[3]).length).toBe(all(e).reduce((n, l) => n + l.symbolic.filter((x) => x.node).length, 0));
    // One tab stop for all the terms: the group.
    expect(html.match(/tabindex="0"/g)?.length).toBe(1);
    expect(html).not.toContain('last');
    expect(html).not.toContain('mismatch');
  });
});
