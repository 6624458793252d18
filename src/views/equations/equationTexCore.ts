/**
 * The shared pieces of the Equations panel's lines: a line's data, its terms (TeX tied to a node
 * of the rolled cell diagram), numbers written in TeX, the arithmetic check of a substituted
 * line, and reading a snapshot around (t, unit) with h_0 = c_0 = 0 and nothing beyond step T.
 *
 * Lines are written in a small notation: «node|tex» marks a term that refers to `node`.
 */
import type { CellKind, LstmChange } from '../../engine/spec';
import type { Snapshot } from '../../worker/protocol';
import type { NodeId } from '../diagrams/rolledLayouts';
import { gradientAt, valueAt } from '../../snapshot/values';

/** A piece of a line: TeX ready to render on its own, and the diagram node it names (if any). */
export interface Term {
  readonly tex: string;
  readonly node?: NodeId;
}

/** A substituted line's numbers combined as the equation says, against the value the snapshot holds. */
export interface Check {
  readonly computed: number;
  readonly expected: number;
  readonly ok: boolean;
}

export interface EquationLine {
  /** What the line defines: 'i', 'c', 'h', 'y' … forward; 'dh', 'dc', 'di' … backward. */
  readonly key: string;
  /** The symbolic equation, as one TeX string. */
  readonly tex: string;
  /** The equation at (t, unit) with the snapshot's numbers, as one TeX string. */
  readonly texNumbers: string;
  /** The same two, cut into terms for rendering and hovering (joined, each is valid TeX). */
  readonly symbolic: readonly Term[];
  readonly numeric: readonly Term[];
  /** The diagram nodes the line's terms name, each once. */
  readonly nodes: readonly NodeId[];
  /** The value the snapshot holds for the line's left-hand side (shown as its result). */
  readonly value: number;
  /** Present when every operand is in the snapshot, so the arithmetic can be redone. */
  readonly check?: Check;
}

/** Which equations apply. */
export interface CellVariant {
  readonly cell: CellKind;
  readonly peephole: boolean;
  readonly resetAfter: boolean;
  readonly forgetFixed: boolean;
  /** LSTM: its change of Greff et al. (2017), or null. */
  readonly change: LstmChange | null;
}

export interface EquationSet {
  readonly forward: readonly EquationLine[];
  readonly backward: readonly EquationLine[];
  /** t = T: the terms from step t + 1 are 0. */
  readonly lastStep: boolean;
}

/** A check passes within float32 rounding: relative 1e-4, or absolute 1e-6 near zero. */
export const CHECK_REL = 1e-4;
export const CHECK_ABS = 1e-6;

/** The check of `computed` against the snapshot's `expected` (fails on anything not finite). */
export function check(computed: number, expected: number): Check {
  const ok = Number.isFinite(computed) && Number.isFinite(expected) &&
    Math.abs(computed - expected) <= Math.max(CHECK_ABS, CHECK_REL * Math.abs(expected));
  return { computed, expected, ok };
}

const trimZeros = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

/** A number in TeX with 4 significant digits; ×10^k when tiny or huge. */
export function num(v: number): string {
  if (Number.isNaN(v)) return '\\mathrm{NaN}';
  if (!Number.isFinite(v)) return v > 0 ? '\\infty' : '-\\infty';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const plain = v.toPrecision(4);
  if (a >= 1e-3 && !plain.includes('e')) return trimZeros(plain);
  const [mantissa = '', exponent = '0'] = v.toExponential(3).split('e');
  return `${trimZeros(mantissa)}\\times 10^{${Number(exponent)}}`;
}

/** A number as an operand: in parentheses when negative or in ×10^k form. */
export function opd(v: number): string {
  const s = num(v);
  return v < 0 || s.includes('\\times') ? `(${s})` : s;
}

const TERM = /«([a-z])\|([^»]*)»/g;

/** The terms of a line written with «node|tex» marks; plain stretches get {} on both sides so that operators keep their spacing. */
export function parseTerms(src: string): Term[] {
  const out: Term[] = [];
  let at = 0;
  const plain = (s: string) => {
    if (s.trim()) out.push({ tex: `{}${s.trim()}{}` });
  };
  for (const m of src.matchAll(TERM)) {
    plain(src.slice(at, m.index));
    out.push({ tex: m[2] ?? '', node: m[1] as NodeId });
    at = m.index + m[0].length;
  }
  plain(src.slice(at));
  return out;
}

/** The TeX of a line written with «node|tex» marks, without them. */
export function stripMarks(src: string): string {
  return src.replace(TERM, (_, _node: string, tex: string) => tex).replace(/\s+/g, ' ').trim();
}

/** One equation line from its symbolic and numeric sources (both in «node|tex» notation). */
export function line(key: string, symbolic: string, numeric: string, value: number, chk?: Check): EquationLine {
  const sym = parseTerms(symbolic);
  const nums = parseTerms(numeric);
  const nodes = [...new Set([...sym, ...nums].flatMap((term) => (term.node ? [term.node] : [])))];
  return {
    key, tex: stripMarks(symbolic), texNumbers: stripMarks(numeric), symbolic: sym, numeric: nums, nodes, value,
    ...(chk ? { check: chk } : {}),
  };
}

/** The end of a numeric line: "= value", or "= what the numbers give ≠ what the snapshot holds". */
export function result(node: NodeId, chk: Check | undefined, value: number): string {
  if (!chk || chk.ok) return `= «${node}|${num(value)}»`;
  return `= ${num(chk.computed)} \\neq «${node}|${num(chk.expected)}»`;
}

/** The snapshot around (t, unit): values and gradients at t + dt, 0 before step 1 and after step T. */
export interface Reader {
  /** t = T: nothing comes back from t + 1. */
  readonly last: boolean;
  /** A node's value (gate output, h, c) at t + dt. */
  v(node: NodeId, dt?: number): number;
  /** ∂L/∂h, ∂L/∂c, or ∂L/∂(gate pre-activation) at t + dt. */
  d(what: string, dt?: number): number;
  /** ∂L/∂(pre-activation) of gate block `block` at t + dt (the RNN's single block). */
  dpre(block: number, dt?: number): number;
  /** Peephole weight p_i (0), p_f (1) or p_o (2) of the unit. */
  p(k: 0 | 1 | 2): number;
  /** The input, in TeX as an operand of W: its number when there is one input, else x_t. */
  readonly xTex: string;
  /** y_t (every output). */
  readonly y: readonly number[];
}

/** A Reader of snapshot s at step t (1-based, clamped) and unit (0-based, clamped). */
export function reader(s: Snapshot, tIn: number, unitIn: number): Reader {
  const t = Math.min(Math.max(Math.round(tIn), 1), s.T);
  const unit = Math.min(Math.max(Math.round(unitIn), 0), s.H - 1);
  const inside = (dt: number) => t + dt >= 1 && t + dt <= s.T;
  const x = s.I === 1 ? (s.x[t - 1] ?? Number.NaN) : null;
  return {
    last: t === s.T,
    v: (node, dt = 0) => (inside(dt) ? valueAt(s, node, t + dt, unit) : 0),
    // gradientAt is itself 0 before the first step and after the last.
    d: (what, dt = 0) => gradientAt(s, what, t + dt, unit),
    dpre: (block, dt = 0) => (inside(dt) ? (s.dpre[(t + dt - 1) * s.G * s.H + block * s.H + unit] ?? Number.NaN) : 0),
    p: (k) => s.peep[k * s.H + unit] ?? Number.NaN,
    xTex: x === null ? '«x|x_t»' : `\\cdot «x|${opd(x)}»`,
    y: Array.from(s.y.subarray((t - 1) * s.O, t * s.O)),
  };
}

/** The forward line of a gate: name_t = fn(W x_t + U h_{t−1} [+ extra] + b) = value. */
export function gateLine(a: Reader, k: NodeId, fn: string, extraSym = '', extraNum = ''): EquationLine {
  const value = a.v(k);
  return line(
    k,
    `«${k}|${k}_t» = ${fn}(W_${k} «x|x_t» + U_${k} «h|h_{t-1}»${extraSym} + b_${k})`,
    `«${k}|${k}_t» = ${fn}(W_${k} ${a.xTex} + U_${k} «h|h_{t-1}»${extraNum} + b_${k}) = «${k}|${num(value)}»`,
    value,
  );
}

/** The readout line y_t = W_y h_t + b_y, with y_t's value (a vector when there are several outputs). */
export function readoutLine(a: Reader): EquationLine {
  const shown = a.y.length === 1 ? num(a.y[0] ?? Number.NaN) : `(${a.y.slice(0, 4).map(num).join(',\\,')}${a.y.length > 4 ? ',\\,\\ldots' : ''})`;
  return line('y', '«y|y_t» = W_y «h|h_t» + b_y', `«y|y_t» = W_y «h|h_t» + b_y = «y|${shown}»`, a.y[0] ?? Number.NaN);
}

/** The start of every δh_t line: the readout's share, W_y^⊤ ∂L/∂y_t. */
export const FROM_Y = '«h|\\delta h_t» = W_y^{\\top} «y|\\partial L/\\partial y_t»';
