/**
 * "Check gradients": the analytic gradients of the current model on the probe sequence
 * against central finite differences, computed in the worker in float64; the largest relative
 * error per weight matrix, with a mark that does not rely on colour.
 */
import { useStore } from '../store';

/** Below this, a gradient counts as right. */
const PASS = 1e-3;

export function GradientCheckPanel() {
  const check = useStore((s) => s.gradientCheck);
  const run = useStore((s) => s.checkGradients);
  const status = useStore((s) => s.status);
  const worst = check ? Math.max(...check.results.map((r) => r.maxRelError)) : 0;
  return (
    <section className="panel gradient-check" aria-label="Gradient check">
      <div className="panel-head">
        <h2>Are the gradients right?</h2>
        <button type="button" className="small-button" onClick={run} disabled={status === 'idle'}>
          Check gradients
        </button>
      </div>
      <p className="muted small">
        Compares every gradient the engine computes on the probe with a finite difference of the loss (in float64, up to 24 elements per matrix).
      </p>
      {check && (
        <>
          <p className={worst < PASS ? 'check-pass' : 'check-fail'} role="status">
            {worst < PASS ? '✓ All gradients agree' : '✗ Some gradients disagree'}: largest relative error {worst.toExponential(1)} at step {check.step} ({check.ms.toFixed(0)} ms).
          </p>
          <table className="check-table">
            <thead>
              <tr>
                <th scope="col">weight</th>
                <th scope="col">elements</th>
                <th scope="col">largest relative error</th>
              </tr>
            </thead>
            <tbody>
              {check.results.map((r) => (
                <tr key={r.name} data-weight={r.name}>
                  <th scope="row">{r.name}</th>
                  <td>{r.checked}</td>
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
