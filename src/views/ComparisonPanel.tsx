/**
 * Comparison mode: RNN, LSTM and GRU (and optionally the LSTM with peepholes) train side by
 * side on the current task, seed, size and optimiser, in two workers. Their loss curves, their
 * gradient-over-time curves and their fitted decay rates are overlaid, one colour and one dash
 * pattern per cell (Okabe–Ito colours, readable with colour-blindness). A run that diverges
 * stops and is labelled; the others go on.
 */
import { useEffect, useMemo, useState } from 'react';
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { useStore } from '../store';
import type { RunConfig } from '../worker/protocol';
import type { CompareCommand, CompareEvent, RunReport } from '../worker/compareProtocol';
import { Axes, decadeTicks } from './primitives/Axes';
import { formatLoss, formatTick } from './primitives/color';
import { F32_TINY, fitDecay } from '../engine/gradientStats';

interface RunSpec {
  id: string;
  label: string;
  color: string;
  dash: string;
  patch: Partial<RunConfig>;
}

const RUNS: readonly RunSpec[] = [
  { id: 'rnn', label: 'RNN', color: '#E69F00', dash: '', patch: { cell: 'rnn' } },
  { id: 'lstm', label: 'LSTM', color: '#0072B2', dash: '8 4', patch: { cell: 'lstm', peephole: false } },
  { id: 'gru', label: 'GRU', color: '#009E73', dash: '2 3', patch: { cell: 'gru' } },
  { id: 'lstm-peephole', label: 'LSTM + peepholes', color: '#CC79A7', dash: '10 3 2 3', patch: { cell: 'lstm', peephole: true } },
];

const W = 480;
const H = 200;
const M = { left: 52, right: 12, top: 10, bottom: 30 };

/** Two workers share the runs: the machine may have two cores, and the page keeps the main thread. */
function useComparison(running: boolean, configs: readonly { id: string; config: RunConfig }[]): Record<string, RunReport> {
  const [reports, setReports] = useState<Record<string, RunReport>>({});
  useEffect(() => {
    if (!running) return;
    setReports({});
    const workers = [0, 1].map(() => new Worker(new URL('../worker/compare.worker.ts', import.meta.url), { type: 'module' }));
    workers.forEach((worker, w) => {
      worker.onmessage = (e: MessageEvent<CompareEvent>) =>
        setReports((old) => ({ ...old, ...Object.fromEntries(e.data.reports.map((r) => [r.id, r])) }));
      worker.onerror = (e) => {
        console.error(`comparison worker failed: ${e.message}`);
      };
      const command: CompareCommand = { type: 'start', runs: configs.filter((_, k) => k % 2 === w) };
      worker.postMessage(command);
    });
    return () => workers.forEach((worker) => worker.terminate());
  }, [running, configs]);
  return reports;
}

function LossOverlay({ runs, reports }: { runs: readonly RunSpec[]; reports: Record<string, RunReport> }) {
  const all = runs.flatMap((r) => Array.from(reports[r.id]?.losses ?? [])).filter((v) => v > 0 && Number.isFinite(v));
  const maxStep = Math.max(1, ...runs.map((r) => reports[r.id]?.lossSteps.at(-1) ?? 1));
  const x = scaleLinear().domain([0, maxStep]).range([M.left, W - M.right]);
  const y = scaleLog()
    .domain([all.length ? Math.min(...all) : 1e-3, all.length ? Math.max(...all) : 1])
    .range([H - M.bottom, M.top])
    .nice();
  const [lo, hi] = y.domain() as [number, number];
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Loss curves of the compared cells">
      <Axes width={W} height={H} margins={M} xTicks={x.ticks(5)} x={x} yTicks={decadeTicks(y.ticks())} y={y} formatY={formatTick} />
      {runs.map((r) => {
        const rep = reports[r.id];
        if (!rep) return null;
        const d = line<number>()
          .defined((k) => Number.isFinite(rep.losses[k]!))
          .x((k) => x(rep.lossSteps[k]!))
          .y((k) => y(Math.min(Math.max(rep.losses[k]!, lo), hi)))(Array.from({ length: rep.losses.length }, (_, k) => k));
        return d ? <path key={r.id} data-run={r.id} className="compare-line" d={d} style={{ stroke: r.color, strokeDasharray: r.dash }} /> : null;
      })}
    </svg>
  );
}

function GradientOverlay({ runs, reports }: { runs: readonly RunSpec[]; reports: Record<string, RunReport> }) {
  const T = Math.max(2, ...runs.map((r) => reports[r.id]?.gradNorms.length ?? 2));
  const all = runs.flatMap((r) => Array.from(reports[r.id]?.gradNorms ?? [])).filter((v) => v > F32_TINY && Number.isFinite(v));
  const hi = all.length ? Math.max(...all) : 1;
  const lo = all.length ? Math.max(Math.min(...all), hi * 1e-30) : hi / 10;
  const x = scaleLinear().domain([1, T]).range([M.left, W - M.right]);
  const y = scaleLog().domain([lo === hi ? lo / 10 : lo, hi]).range([H - M.bottom, M.top]).nice();
  const [floor, top] = y.domain() as [number, number];
  const ticks = decadeTicks(y.ticks(), 7);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Gradient norms over time of the compared cells">
      <Axes width={W} height={H} margins={M} xTicks={x.ticks(6)} x={x} yTicks={ticks} y={y} formatY={formatTick} />
      {runs.map((r) => {
        const rep = reports[r.id];
        if (!rep) return null;
        // At 0 or below the smallest float32, a norm sits on the floor: never a gap or NaN.
        const d = line<number>()
          .x((_, k) => x(k + 1))
          .y((v) => y(Number.isFinite(v) ? Math.min(Math.max(v, floor), top) : v > 0 ? top : floor))(Array.from(rep.gradNorms));
        return d ? <path key={r.id} data-run={r.id} className="compare-line" d={d} style={{ stroke: r.color, strokeDasharray: r.dash }} /> : null;
      })}
    </svg>
  );
}

export function ComparisonPanel() {
  const config = useStore((s) => s.config);
  const [running, setRunning] = useState(false);
  const [withPeepholes, setWithPeepholes] = useState(false);
  const runs = useMemo(() => RUNS.filter((r) => r.id !== 'lstm-peephole' || withPeepholes), [withPeepholes]);
  // The configs are fixed when the comparison starts.
  const [started, setStarted] = useState<readonly { id: string; config: RunConfig }[]>([]);
  const reports = useComparison(running, started);
  const start = () => {
    setStarted(runs.map((r) => ({ id: r.id, config: { ...config, forgetFixed: false, resetAfter: false, ...r.patch } })));
    setRunning(true);
  };
  return (
    <section className="panel comparison" aria-label="Comparison">
      <div className="panel-head">
        <h2>Compare cells on this task</h2>
        <span className="head-controls">
          <label className="check">
            <input type="checkbox" checked={withPeepholes} disabled={running} onChange={(e) => setWithPeepholes(e.target.checked)} /> with LSTM + peepholes
          </label>
          {running ? (
            <button type="button" className="small-button" onClick={() => setRunning(false)}>
              Stop comparing
            </button>
          ) : (
            <button type="button" className="small-button" onClick={start}>
              Compare cells
            </button>
          )}
        </span>
      </div>
      <p className="muted small">
        The same task, seed, hidden size and optimiser for every cell, trained side by side in two workers.
      </p>
      {(running || Object.keys(reports).length > 0) && (
        <>
          <ul className="compare-legend">
            {runs.map((r) => {
              const rep = reports[r.id];
              const fit = rep ? fitDecay(rep.gradNorms, rep.lastTarget) : null;
              const last = rep && rep.losses.length ? rep.losses[rep.losses.length - 1]! : Number.NaN;
              return (
                <li key={r.id} data-run={r.id}>
                  <svg width={28} height={10} aria-hidden="true">
                    <line x1={0} x2={28} y1={5} y2={5} style={{ stroke: r.color, strokeDasharray: r.dash, strokeWidth: 2.5 }} />
                  </svg>
                  <b>{r.label}</b>{' '}
                  {rep?.diverged ? (
                    <span className="diverged">diverged</span>
                  ) : (
                    <span className="muted">
                      step {rep?.step ?? 0}, loss {Number.isFinite(last) ? formatLoss(last) : '–'}
                      {fit ? `, gradient ×${fit.perStep.toPrecision(2)} per step back` : ''}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          <div className="compare-charts">
            <figure>
              <figcaption>Training loss</figcaption>
              <LossOverlay runs={runs} reports={reports} />
            </figure>
            <figure>
              <figcaption>‖∂L/∂h_t‖ on the probe, by time step</figcaption>
              <GradientOverlay runs={runs} reports={reports} />
            </figure>
          </div>
        </>
      )}
    </section>
  );
}
