/**
 * Comparison mode: RNN, LSTM and GRU (and optionally the LSTM with peepholes) train side by
 * side on the same task, seed, size and optimiser, in two workers, for a number of steps; then
 * each is evaluated on the held-out set. A preset sets the task and initialisation in one
 * click (its claim is tested on three seeds). Loss curves, gradient-over-time curves and the
 * fitted decay rates are overlaid; a table gives, per cell, loss ÷ baseline and how far back
 * the error signal reaches at initialisation and after training. A run that diverges stops and
 * is labelled; the others go on.
 */
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { comparisonFinished } from '../../store/comparisonSlice';
import type { RunConfig } from '../../worker/protocol';
import { PRESETS, claimHolds, runConfig, type Claim, type Preset, type RunId } from '../../presets';
import { GREFF_VARIANTS, variantSwitches, type CellKind, type GreffVariant } from '../../engine/spec';
import { fitDecay } from '../../engine/gradientStats';
import { formatLoss } from '../primitives/color';
import { NumberField } from '../primitives/NumberField';
import { CELL_RUNS, GradientOverlay, LossOverlay, RUN_STYLES, RunSwatch } from '../charts/ComparisonCharts';
import { useMessages, useNumberFormat, type Messages } from '../../i18n';
import { ExportButtons } from '../primitives/ExportButtons';
import { useViewFocus } from '../primitives/useViewFocus';
import { useScrollFocus } from '../primitives/useScrollFocus';

/** 10^x, as a power of ten with its exponent to one decimal. */
function PowerOfTen({ log10 }: { log10: number }) {
  const m = useMessages();
  const fmt = useNumberFormat();
  if (!Number.isFinite(log10)) return <>–</>;
  const exponent = fmt.fixed(log10, 1).replace('-', '−');
  return (
    <span className="power" role="img" aria-label={m.compare.power(exponent)}>
      10<sup>{exponent}</sup>
    </span>
  );
}

function ClaimCell({ m, claim, ratio }: { m: Messages; claim: Claim | undefined; ratio: number }) {
  if (!claim) return null;
  const bound = 'below' in claim ? m.compare.below(String(claim.below)) : m.compare.above(String(claim.above));
  if (!Number.isFinite(ratio)) return <span className="muted">{m.compare.expected(bound)}</span>;
  // The mark is about the preset's claim, not about the cell: a ✓ beside a cell that was claimed to
  // fail means the claim held (the cell failed, as said), so the words say so.
  return claimHolds(claim, ratio) ? (
    <span className="check-pass">✓ {m.compare.claimHolds(bound)}</span>
  ) : (
    <span className="check-fail">✗ {m.compare.claimFails(bound)}</span>
  );
}

/** A run's name in the table: the cell, the LSTM with peepholes, or the variant with what it changes (in full in its tooltip). */
function runName(m: Messages, id: RunId): string {
  if (id === 'lstm-peephole') return m.compare.lstmPeephole;
  return (GREFF_VARIANTS as readonly string[]).includes(id) ? m.compare.variantShort[id as GreffVariant] : m.cells[id as CellKind];
}

export function ComparisonPanel() {
  const config = useStore((s) => s.config);
  const configure = useStore((s) => s.configure);
  const [withPeepholes, setWithPeepholes] = useState(false);
  // A comparison opened from a link brings its steps.
  const [steps, setSteps] = useState(() => useStore.getState().comparison?.runs[0]?.steps ?? 3000);
  const { comparison: started, reports, startComparison, stopComparison } = useStore(
    useShallow((s) => ({ comparison: s.comparison, reports: s.reports, startComparison: s.startComparison, stopComparison: s.stopComparison })),
  );
  const m = useMessages();
  const c = m.compare;
  const fmt = useNumberFormat();
  // The panel compares the recurrent cells; the FNN joins only a lesson's comparison.
  const styles = useMemo(() => RUN_STYLES.filter((r) => CELL_RUNS.includes(r.id) && r.id !== 'fnn' && (r.id !== 'lstm-peephole' || withPeepholes)), [withPeepholes]);
  const shown = started ? RUN_STYLES.filter((r) => started.runs.some((run) => run.id === r.id)) : styles;
  const preset = PRESETS.find((p) => p.id === started?.preset) ?? null;
  const finished = comparisonFinished(started, reports);

  const start = (setup: Omit<RunConfig, 'cell'>, budget: number, chosen: Preset | null, ids: readonly RunId[] = styles.map((r) => r.id)) =>
    startComparison({ runs: ids.map((id) => ({ id, config: runConfig(setup, id), steps: budget })), preset: chosen?.id ?? null, owner: 'panel' });
  const startPreset = (p: Preset) => {
    // The single-cell views show the same task (and, taking the LSTM apart, its vanilla V).
    configure(p.runs.includes('V') ? { ...p.config, cell: 'lstm', ...variantSwitches('V') } : p.config);
    setSteps(p.steps);
    start(p.config, p.steps, p, p.runs);
  };
  const names: Readonly<Record<RunId, string>> = { ...m.cells, 'lstm-peephole': c.lstmPeephole, ...Object.fromEntries(GREFF_VARIANTS.map((v) => [v, v])) as Record<GreffVariant, string> };
  const running = started !== null && !finished;

  const viewFocus = useViewFocus('comparison');
  const tableRef = useScrollFocus();
  return (
    <section className="panel comparison" aria-label={c.region} data-view="comparison" data-lesson={viewFocus}>
      <div className="panel-head">
        <h2>{c.heading}</h2>
        <span className="head-controls">
          <label className="check">
            <input type="checkbox" checked={withPeepholes} disabled={running} onChange={(e) => setWithPeepholes(e.target.checked)} /> {c.withPeepholes}
          </label>
          <NumberField label={c.steps} value={steps} min={10} max={100_000} integer disabled={running} onCommit={setSteps} />
          {started && <ExportButtons name={c.region} file="comparison" />}
          {running ? (
            <button type="button" className="small-button" onClick={stopComparison}>
              {c.stop}
            </button>
          ) : (
            <>
              <button type="button" className="small-button" onClick={() => start(config, steps, null)}>
                {c.start}
              </button>
              <button type="button" className="small-button" onClick={() => start(config, steps, null, GREFF_VARIANTS)} title={c.takeApartHint}>
                {c.takeApart}
              </button>
            </>
          )}
        </span>
      </div>
      <p className="muted small">{c.intro}</p>
      <div className="preset-list" role="group" aria-label={c.presets}>
        {PRESETS.map((p) => (
          <button key={p.id} type="button" className="preset" aria-pressed={preset?.id === p.id} onClick={() => startPreset(p)}>
            {m.presets[p.id].title}
          </button>
        ))}
      </div>
      {preset && <p className="preset-explanation">{m.presets[preset.id].explanation}</p>}
      {started && (
        <>
          <table className="compare-table" ref={tableRef}>
            <thead>
              <tr>
                <th scope="col">{c.cell}</th>
                <th scope="col">{c.step}</th>
                <th scope="col">{c.trainingLoss}</th>
                <th scope="col">{c.heldOut}</th>
                <th scope="col">
                  <span className="nowrap">
                    ‖∂L/∂h<sub>1</sub>‖ ÷ ‖∂L/∂h<sub>T</sub>‖
                  </span>{' '}
                  <span className="nowrap">{c.ratioStart}</span>
                </th>
                <th scope="col" className="nowrap">{c.ratioTrained}</th>
                <th scope="col">{c.decay}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => {
                const rep = reports[r.id];
                const fit = rep ? fitDecay(rep.gradNorms, rep.lastTarget) : null;
                const last = rep && rep.losses.length ? rep.losses[rep.losses.length - 1]! : Number.NaN;
                return (
                  <tr key={r.id} data-run={r.id} data-done={rep?.done ? 'true' : 'false'} data-failed={rep?.failed ? 'true' : undefined}>
                    <th scope="row">
                      <RunSwatch run={r} /> <span title={(GREFF_VARIANTS as readonly string[]).includes(r.id) ? m.settings.variants[r.id as GreffVariant] : undefined}>{runName(m, r.id)}</span>
                    </th>
                    <td className="num">
                      {fmt.int(rep?.step ?? 0)} / {fmt.int(started.runs[0]!.steps)}
                    </td>
                    <td className="num">{rep?.failed ? <span className="diverged">{c.failed}</span> : rep?.diverged ? <span className="diverged">{c.diverged}</span> : Number.isFinite(last) ? formatLoss(last) : '–'}</td>
                    <td className="num" data-ratio={rep?.heldOutRatio}>
                      {rep?.done ? fmt.fixed(rep.heldOutRatio, 4) : rep?.diverged || rep?.failed ? '–' : '…'}{' '}
                      <ClaimCell m={m} claim={preset?.claims[r.id]} ratio={rep?.heldOutRatio ?? Number.NaN} />
                    </td>
                    <td className="num">{rep ? <PowerOfTen log10={rep.reachInit} /> : '…'}</td>
                    <td className="num">{rep?.done ? <PowerOfTen log10={rep.reachTrained} /> : '…'}</td>
                    <td className="num">{fit && !rep?.diverged ? `×${fit.perStep.toPrecision(2)}` : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted small">{c.footnote}</p>
          <div className="compare-charts">
            <figure>
              <figcaption>{c.lossCaption}</figcaption>
              <LossOverlay runs={shown} reports={reports} label={c.lossLabel} names={names} />
            </figure>
            <figure>
              <figcaption>{c.gradCaption}</figcaption>
              <GradientOverlay runs={shown} reports={reports} label={c.gradLabel} floorNote={c.floorNote} />
            </figure>
          </div>
        </>
      )}
    </section>
  );
}
