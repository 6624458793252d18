/**
 * "Check gradients": the analytic gradients of the current model on the probe sequence
 * against central finite differences, computed in the worker in float64; the largest relative
 * error per weight matrix, with a mark that does not rely on colour.
 */
import { useStore } from '../../store';
import { useMessages, useNumberFormat } from '../../i18n';
import { useScrollFocus } from '../primitives/useScrollFocus';

/** Below this, a gradient counts as right. */
const PASS = 1e-3;

export function GradientCheckPanel() {
  const check = useStore((s) => s.gradientCheck);
  const run = useStore((s) => s.checkGradients);
  const status = useStore((s) => s.status);
  const worst = check ? Math.max(...check.results.map((r) => r.maxRelError)) : 0;
  const m = useMessages().check;
  const tableRef = useScrollFocus();
  const fmt = useNumberFormat();
  return (
    <section className="panel gradient-check" aria-label={m.region}>
      <div className="panel-head">
        <h2>{m.heading}</h2>
        <button type="button" className="small-button" onClick={run} disabled={status === 'idle'}>
          {m.button}
        </button>
      </div>
      <p className="muted small">{m.explain}</p>
      {check && (
        <>
          <p className={worst < PASS ? 'check-pass' : 'check-fail'} role="status">
            {m.worst(worst < PASS ? m.agree : m.disagree, worst.toExponential(1), fmt.int(check.step), fmt.int(check.ms))}
          </p>
          <table className="check-table" ref={tableRef}>
            <thead>
              <tr>
                <th scope="col">{m.weight}</th>
                <th scope="col">{m.elements}</th>
                <th scope="col">{m.largest}</th>
              </tr>
            </thead>
            <tbody>
              {check.results.map((r) => (
                <tr key={r.name} data-weight={r.name}>
                  <th scope="row">{r.name}</th>
                  <td>{fmt.int(r.checked)}</td>
                  <td data-error={r.maxRelError}>
                    {r.maxRelError < PASS ? '✓' : '✗'} {r.maxRelError.toExponential(1)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
