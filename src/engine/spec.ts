/** What a network is: its cell, its sizes and its switches. */

export type CellKind = 'fnn' | 'rnn' | 'lstm' | 'gru';

export const CELL_KINDS: readonly CellKind[] = ['fnn', 'rnn', 'lstm', 'gru'];

/** The cells with a recurrent connection (the ones the comparisons and presets set side by side). */
export type RecurrentKind = Exclude<CellKind, 'fnn'>;
export const RECURRENT_KINDS: readonly RecurrentKind[] = ['rnn', 'lstm', 'gru'];

/** The FNN's window: how many steps (the current one and k − 1 before it) it sees at once. */
export const WINDOW_RANGE = { min: 1, max: 32 } as const;

/** The largest hidden, input or output size the engine accepts. */
export const MAX_SIZE = 1024;

export interface NetSpec {
  readonly cell: CellKind;
  /** I: inputs per time step. */
  readonly inputSize: number;
  /** H: hidden units. */
  readonly hiddenSize: number;
  /** O: outputs per time step (the readout y_t = W_y h_t + b_y). */
  readonly outputSize: number;
  /** LSTM only: the diagonal peephole connections p_i, p_f, p_o from the cell state. */
  readonly peephole: boolean;
  /** GRU only: apply r after U_g h_{t−1} (cuDNN / PyTorch) instead of before it. */
  readonly resetAfter: boolean;
  /** LSTM only: the 1997 LSTM, without a forget gate: f = 1, so c is a pure constant error carousel. */
  readonly forgetFixed?: boolean;
  /**
   * LSTM only: one change to the cell from Greff et al. (2017), "LSTM: A Search Space Odyssey"
   * (absent: none). Their other two variants are switches of their own: NFG is forgetFixed and NP
   * is the cell without peepholes (see GREFF_VARIANTS).
   */
  readonly change?: LstmChange;
  /** FNN only: k, the steps x_t, x_{t−1}, …, x_{t−k+1} fed at once (zeros before step 1). */
  readonly window?: number;
}

/**
 * The changes to the LSTM the engine makes, each exact in both passes:
 * - NIG, no input gate: i = 1;  NOG, no output gate: o = 1;
 * - NIAF, no input activation function: g = W_g x + U_g h_{t−1} + b_g (linear);
 * - NOAF, no output activation function: h = o⊙c;
 * - CIFG, coupled input and forget gate: f = 1 − i;
 * - FGR, full gate recurrence: i, f and o also receive R·[i f o]_{t−1} (nine H×H matrices).
 */
export type LstmChange = 'NIG' | 'NOG' | 'NIAF' | 'NOAF' | 'CIFG' | 'FGR';
export const LSTM_CHANGES: readonly LstmChange[] = ['NIG', 'NOG', 'NIAF', 'NOAF', 'CIFG', 'FGR'];

/** The eight variants of Greff et al. and their vanilla LSTM V (forget gate and peepholes), in their order. */
export type GreffVariant = 'V' | 'NIG' | 'NFG' | 'NOG' | 'NIAF' | 'NOAF' | 'NP' | 'CIFG' | 'FGR';
export const GREFF_VARIANTS: readonly GreffVariant[] = ['V', 'NIG', 'NFG', 'NOG', 'NIAF', 'NOAF', 'NP', 'CIFG', 'FGR'];

/** The LSTM switches of a Greff variant: each differs from V in one thing. */
export interface VariantSwitches {
  readonly peephole: boolean;
  readonly forgetFixed: boolean;
  readonly change: LstmChange | undefined;
}

export function variantSwitches(variant: GreffVariant): VariantSwitches {
  if (variant === 'V') return { peephole: true, forgetFixed: false, change: undefined };
  if (variant === 'NP') return { peephole: false, forgetFixed: false, change: undefined };
  if (variant === 'NFG') return { peephole: true, forgetFixed: true, change: undefined };
  return { peephole: true, forgetFixed: false, change: variant };
}

/** The Greff variant these switches make, or null for a combination outside their table (NIG without peepholes, …). */
export function greffVariant(s: { readonly peephole: boolean; readonly forgetFixed?: boolean; readonly change?: LstmChange }): GreffVariant | null {
  const fixed = s.forgetFixed === true;
  if (!s.change) return fixed ? (s.peephole ? 'NFG' : null) : s.peephole ? 'V' : 'NP';
  return s.peephole && !fixed ? s.change : null;
}

/** Why these LSTM switches cannot go together, or null: CIFG makes f from i, so f cannot also be fixed at 1. */
export function switchConflict(s: { readonly forgetFixed?: boolean; readonly change?: LstmChange }): string | null {
  return s.change === 'CIFG' && s.forgetFixed === true ? 'CIFG couples the forget gate to the input gate (f = 1 − i), so it cannot also be fixed at 1' : null;
}

/** The gate names of each cell, in the order of their blocks in the fused matrices. */
export const GATE_NAMES = {
  fnn: [],
  rnn: [],
  lstm: ['i', 'f', 'g', 'o'],
  gru: ['z', 'r', 'g'],
} as const satisfies Record<CellKind, readonly string[]>;

export type GateName = (typeof GATE_NAMES)[CellKind][number];

/** G: how many H-sized blocks the fused W, U and b hold (the RNN's and FNN's single block is its tanh neuron). */
export function blockCount(cell: CellKind): number {
  return cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
}

/** The width of one row of the network's input to W: I, or k·I for the FNN's window. */
export function inputWidth(spec: NetSpec): number {
  return spec.cell === 'fnn' ? (spec.window ?? 1) * spec.inputSize : spec.inputSize;
}

/** Whether the cell is one tanh neuron per unit with no gates (the RNN and the FNN): its block holds h_t. */
export function isPlainCell(cell: CellKind): cell is 'rnn' | 'fnn' {
  return cell === 'rnn' || cell === 'fnn';
}
