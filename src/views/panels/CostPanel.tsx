/**
 * What each cell costs at the current size: parameters and FLOPs per time step (counted from
 * the equations), and microseconds per training step (measured by the worker on demand).
 */
import { cellCost } from '../../engine/cost';
import { RECURRENT_KINDS } from '../../engine/spec';
import { useStore } from '../../store';
import { useMessages, useNumberFormat } from '../../i18n';
import { Explainer } from '../primitives/Explainer';
import { useViewFocus } from '../primitives/useViewFocus';
import { useScrollFocus } from '../primitives/useScrollFocus';
import type { KernelKind } from '../../engine/backend';

export function CostPanel() {
  const config = useStore((s) => s.config);
  const snapshot = useStore((s) => s.snapshot);
  const measured = useStore((s) => s.measured);
  const measure = useStore((s) => s.measureCost);
  const status = useStore((s) => s.status);
  const engine = useStore((s) => s.engine);
  const configure = useStore((s) => s.configure);
  const msg = useMessages();
  const m = msg.cost;
  const { int: fmt } = useNumberFormat();
  const I = snapshot?.I ?? 1;
  const O = snapshot?.O ?? 1;
  const H = config.hidden;
  const current = measured && measured.hidden === H && measured.batch === config.batch && measured.length === config.length;
  const lstm = cellCost('lstm', I, H, O);
  const viewFocus = useViewFocus('cost');
  const tableRef = useScrollFocus();
  return (
    <section className="panel cost" aria-label={m.region} data-view="cost" data-lesson={viewFocus}>
      <div className="panel-head">
        <h2>{m.heading(fmt(H), fmt(I), fmt(O))}</h2>
        <button type="button" className="small-button" onClick={measure} disabled={status === 'idle' || status === 'running'}>
          {m.measure}
        </button>
      </div>
      <table className="check-table" ref={tableRef}>
        <thead>
          <tr>
            <th scope="col">{m.cell}</th>
            <th scope="col">{m.params}</th>
            <th scope="col">{m.forward}</th>
            <th scope="col">{m.backward}</th>
            <th scope="col">{m.us(fmt(config.batch), fmt(config.length))}</th>
          </tr>
        </thead>
        <tbody>
          {RECURRENT_KINDS.map((cell) => {
            const c = cellCost(cell, I, H, O);
            return (
              <tr key={cell} data-cell={cell}>
                <th scope="row">{msg.cells[cell]}</th>
                <td>
                  {fmt(c.params)} <span className="muted">{m.ofLstm(fmt((100 * c.params) / lstm.params))}</span>
                </td>
                <td>{fmt(c.forwardFlops)}</td>
                <td>{fmt(c.backwardFlops)}</td>
                <td data-us={current ? measured.usPerStep[cell] : undefined}>{current ? fmt(Math.round(measured.usPerStep[cell])) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="cost-engine">
        <div className="field">
          <label htmlFor="kernels">{m.engine}</label>
          <select
            id="kernels" value={config.kernels ?? 'wasm'} aria-describedby="kernels-note"
            onChange={(e) => configure({ kernels: e.target.value as KernelKind })}
          >
            <option value="wasm">{m.engineWasm}</option>
            <option value="js">{m.engineJs}</option>
          </select>
        </div>
        <p id="kernels-note" className="small" data-kernels={engine?.kernels} title={engine?.problem?.detail} role="status">
          {engine === null ? '' : engine.problem !== null ? m.fallback(m.problems[engine.problem.kind]) : engine.kernels === 'wasm' ? m.runsWasm : m.runsJs}{' '}
          <span className="muted">{m.engineRestarts}</span>
        </p>
      </div>
      <p className="muted small">{m.explain}</p>
      <Explainer ids={['cost']} />
    </section>
  );
}
