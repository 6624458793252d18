/** What a network is: its cell, its sizes and its switches. */

export type CellKind = 'rnn' | 'lstm' | 'gru';

export const CELL_KINDS: readonly CellKind[] = ['rnn', 'lstm', 'gru'];

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
}

/** The gate names of each cell, in the order of their blocks in the fused matrices. */
export const GATE_NAMES = {
  rnn: [],
  lstm: ['i', 'f', 'g', 'o'],
  gru: ['z', 'r', 'g'],
} as const satisfies Record<CellKind, readonly string[]>;

export type GateName = (typeof GATE_NAMES)[CellKind][number];

/** G: how many H-sized blocks the fused W, U and b hold (the RNN's single block is its tanh neuron). */
export function blockCount(cell: CellKind): number {
  return cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
}
