// The cell kernels' entry: every export of the module. Built by scripts/build-wasm.mjs with the
// engine's memory imported (env.memory), shared with the matrix products of kernels.wat.
export { lstm_forward, lstm_backward } from './lstm';
export { gru_forward_zr, gru_forward_h, gru_backward_gates, gru_backward_r, gru_backward_direct } from './gru';
export { tanh_state, tanh_state_backward } from './rnn';
export { transpose, affine, readout_backward, add_row_sums, sum_squares, adam, sgd } from './ops';
export { gemm_nn } from './gemm';
