/**
 * What each cell costs at the current size: parameters and FLOPs per time step (counted from
 * the equations), and microseconds per training step (measured by the worker on demand).
 */
import { cellCost } from '../engine/cost';
import { CELL_KINDS } from '../engine/spec';
import { useStore } from '../store';

const NAMES = { rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' } as const;
const fmt = (n: number) => n.toLocaleString('en-US');

export function CostPanel() {
  const config = useStore((s) => s.config);
  const snapshot = useStore((s) => s.snapshot);
  const measured = useStore((s) => s.measured);
  const measure = useStore((s) => s.measureCost);
  const status = useStore((s) => s.status);
  const I = snapshot?.I ?? 1;
  const O = snapshot?.O ?? 1;
  const H = config.hidden;
  const current = measured && measured.hidden === H && measured.batch === config.batch && measured.length === config.length;
  const lstm = cellCost('lstm', I, H, O);
  return (
    <section className="panel cost" aria-label="Cost">
      <div className="panel-head">
        <h2>
          Cost at H = {H}, I = {I}, O = {O}
        </h2>
        <button type="button" className="small-button" onClick={measure} disabled={status === 'idle' || status === 'running'}>
          Measure speed
        </button>
      </div>
      <table className="check-table">
        <thead>
          <tr>
            <th scope="col">cell</th>
            <th scope="col">parameters</th>
            <th scope="col">FLOPs per step, forward</th>
            <th scope="col">backward</th>
            <th scope="col">
              µs per training step (B = {config.batch}, T = {config.length})
            </th>
          </tr>
        </thead>
        <tbody>
          {CELL_KINDS.map((cell) => {
            const c = cellCost(cell, I, H, O);
            return (
              <tr key={cell} data-cell={cell}>
                <th scope="row">{NAMES[cell]}</th>
                <td>
                  {fmt(c.params)} <span className="muted">({((100 * c.params) / lstm.params).toFixed(0)}% of LSTM)</span>
                </td>
                <td>{fmt(c.forwardFlops)}</td>
                <td>{fmt(c.backwardFlops)}</td>
                <td data-us={current ? measured.usPerStep[cell] : undefined}>{current ? fmt(Math.round(measured.usPerStep[cell])) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">
        Counts follow the equations (a multiply–add is two operations); speeds are this engine in your browser, pausing training while it measures.
      </p>
    </section>
  );
}
