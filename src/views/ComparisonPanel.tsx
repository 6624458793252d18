/**
 * Comparison mode: RNN, LSTM and GRU (and optionally the LSTM with peepholes) train side by
 * side on the same task, seed, size and optimiser, in two workers, for a number of steps; then
 * each is evaluated on the held-out set. A preset sets the task and initialisation in one
 * click (its claim is tested on three seeds). Loss curves, gradient-over-time curves and the
 * fitted decay rates are overlaid; a table gives, per cell, loss ÷ baseline and how far back
 * the error signal reaches at initialisation and after training. A run that diverges stops and
 * is labelled; the others go on.
 */
import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../store';
import type { RunConfig } from '../worker/protocol';
import type { CompareCommand, CompareEvent, CompareRun, RunReport } from '../worker/compareProtocol';
import { shareRuns } from '../worker/shareRuns';
import { PRESETS, claimHolds, runConfig, type Claim, type Preset } from '../presets';
import { cellCost } from '../engine/cost';
import { fitDecay } from '../engine/gradientStats';
import { formatLoss } from './primitives/color';
import { NumberField } from './primitives/NumberField';
import { GradientOverlay, LossOverlay, RUN_STYLES, RunSwatch } from './ComparisonCharts';

const WORKERS = 2;

interface Started {
  readonly runs: readonly CompareRun[];
  readonly preset: Preset | null;
}

/** Work of one run, to share the runs fairly between the workers. */
const runCost = (run: CompareRun): number => {
  const { cell, hidden, peephole, length } = run.config;
  const c = cellCost(cell, 1, hidden, 1, { peephole });
  return (c.forwardFlops + c.backwardFlops) * length * run.steps;
};

/** Two workers share the runs: the machine may have two cores, and the page keeps the main thread. */
function useComparison(started: Started | null): Record<string, RunReport> {
  const [reports, setReports] = useState<Record<string, RunReport>>({});
  useEffect(() => {
    if (!started) return;
    setReports({});
    const shares = shareRuns(started.runs, WORKERS, runCost).filter((share) => share.length > 0);
    const workers = shares.map((share) => {
      const worker = new Worker(new URL('../worker/compare.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<CompareEvent>) =>
        setReports((old) => ({ ...old, ...Object.fromEntries(e.data.reports.map((r) => [r.id, r])) }));
      worker.onerror = (e) => console.error(`comparison worker failed: ${e.message}`);
      const command: CompareCommand = { type: 'start', runs: share };
      worker.postMessage(command);
      return worker;
    });
    return () => workers.forEach((worker) => worker.terminate());
  }, [started]);
  return reports;
}

/** 10^x, as a power of ten with its exponent to one decimal. */
function PowerOfTen({ log10 }: { log10: number }) {
  if (!Number.isFinite(log10)) return <>–</>;
  const exponent = log10.toFixed(1).replace('-', '−');
  return (
    <span className="power" aria-label={`10 to the power ${exponent}`}>
      10<sup>{exponent}</sup>
    </span>
  );
}

function ClaimCell({ claim, ratio }: { claim: Claim | undefined; ratio: number }) {
  if (!claim) return null;
  const bound = 'below' in claim ? `below ${claim.below}` : `above ${claim.above}`;
  if (!Number.isFinite(ratio)) return <span className="muted">expected {bound}</span>;
  return claimHolds(claim, ratio) ? (
    <span className="check-pass">✓ {bound}</span>
  ) : (
    <span className="check-fail">✗ expected {bound}</span>
  );
}

export function ComparisonPanel() {
  const config = useStore((s) => s.config);
  const configure = useStore((s) => s.configure);
  const [withPeepholes, setWithPeepholes] = useState(false);
  const [steps, setSteps] = useState(3000);
  const [started, setStarted] = useState<Started | null>(null);
  const reports = useComparison(started);
  const styles = useMemo(() => RUN_STYLES.filter((r) => r.id !== 'lstm-peephole' || withPeepholes), [withPeepholes]);
  const shown = started ? RUN_STYLES.filter((r) => started.runs.some((run) => run.id === r.id)) : styles;
  const preset = started?.preset ?? null;
  const finished = started !== null && started.runs.every((r) => reports[r.id]?.done || reports[r.id]?.diverged);

  const start = (setup: Omit<RunConfig, 'cell'>, budget: number, chosen: Preset | null) =>
    setStarted({ runs: styles.map((r) => ({ id: r.id, config: runConfig(setup, r.id), steps: budget })), preset: chosen });
  const startPreset = (p: Preset) => {
    configure(p.config); // the single-cell views show the same task
    setSteps(p.steps);
    start(p.config, p.steps, p);
  };
  const running = started !== null && !finished;

  return (
    <section className="panel comparison" aria-label="Comparison">
      <div className="panel-head">
        <h2>Compare cells on this task</h2>
        <span className="head-controls">
          <label className="check">
            <input type="checkbox" checked={withPeepholes} disabled={running} onChange={(e) => setWithPeepholes(e.target.checked)} /> with LSTM + peepholes
          </label>
          <NumberField label="Steps" value={steps} min={10} max={100_000} integer disabled={running} onCommit={setSteps} />
          {running ? (
            <button type="button" className="small-button" onClick={() => setStarted(null)}>
              Stop comparing
            </button>
          ) : (
            <button type="button" className="small-button" onClick={() => start(config, steps, null)}>
              Compare cells
            </button>
          )}
        </span>
      </div>
      <p className="muted small">
        The same task, seed, hidden size and optimiser for every cell, trained side by side in two workers, then scored on
        256 held-out sequences. Or pick a preset, which sets up the task and trains at once:
      </p>
      <div className="preset-list" role="group" aria-label="Presets">
        {PRESETS.map((p) => (
          <button key={p.id} type="button" className="preset" aria-pressed={preset?.id === p.id} onClick={() => startPreset(p)}>
            {p.title}
          </button>
        ))}
      </div>
      {preset && <p className="preset-explanation">{preset.explanation}</p>}
      {started && (
        <>
          <table className="compare-table">
            <thead>
              <tr>
                <th scope="col">Cell</th>
                <th scope="col">Step</th>
                <th scope="col">Training loss</th>
                <th scope="col">Held-out loss ÷ baseline</th>
                <th scope="col">
                  ‖∂L/∂h<sub>1</sub>‖ ÷ ‖∂L/∂h<sub>T</sub>‖ at start
                </th>
                <th scope="col">… after training</th>
                <th scope="col">Gradient per step back (probe)</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => {
                const rep = reports[r.id];
                const fit = rep ? fitDecay(rep.gradNorms, rep.lastTarget) : null;
                const last = rep && rep.losses.length ? rep.losses[rep.losses.length - 1]! : Number.NaN;
                const cell = r.id === 'lstm-peephole' ? undefined : r.id;
                return (
                  <tr key={r.id} data-run={r.id} data-done={rep?.done ? 'true' : 'false'}>
                    <th scope="row">
                      <RunSwatch run={r} /> {r.label}
                    </th>
                    <td className="num">
                      {rep?.step ?? 0} / {started.runs[0]!.steps}
                    </td>
                    <td className="num">{rep?.diverged ? <span className="diverged">diverged</span> : Number.isFinite(last) ? formatLoss(last) : '–'}</td>
                    <td className="num" data-ratio={rep?.heldOutRatio}>
                      {rep?.done ? rep.heldOutRatio.toFixed(4) : rep?.diverged ? '–' : '…'}{' '}
                      <ClaimCell claim={preset && cell ? preset.claims[cell] : undefined} ratio={rep?.heldOutRatio ?? Number.NaN} />
                    </td>
                    <td className="num">{rep ? <PowerOfTen log10={rep.reachInit} /> : '…'}</td>
                    <td className="num">{rep?.done ? <PowerOfTen log10={rep.reachTrained} /> : '…'}</td>
                    <td className="num">{fit && !rep?.diverged ? `×${fit.perStep.toPrecision(2)}` : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">
            Baseline: always predicting the mean target (1 = nothing learnt). The gradient ratio is a geometric mean over
            64 held-out sequences; 10<sup>−10</sup> means the first step receives a ten-billionth of the error the last step gets.
          </p>
          <div className="compare-charts">
            <figure>
              <figcaption>Training loss</figcaption>
              <LossOverlay runs={shown} reports={reports} />
            </figure>
            <figure>
              <figcaption>‖∂L/∂h_t‖ on the probe, by time step</figcaption>
              <GradientOverlay runs={shown} reports={reports} />
            </figure>
          </div>
        </>
      )}
    </section>
  );
}
