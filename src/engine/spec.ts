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
  /** FNN only: k, the steps x_t, x_{t−1}, …, x_{t−k+1} fed at once (zeros before step 1). */
  readonly window?: number;
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
