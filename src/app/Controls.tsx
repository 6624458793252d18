/** The settings of a run and the buttons that drive it. */
import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectActions, selectConfig, useStore } from '../store';
import { NumberField } from '../views/primitives/NumberField';
import { GREFF_VARIANTS, greffVariant, variantSwitches, type CellKind, type GreffVariant } from '../engine/spec';
import type { RunConfig, TrainTask } from '../worker/protocol';
import { taskMinLength } from '../engine/tasks';
import { useMessages } from '../i18n';
import { RANGES } from '../share/urlState';
import { useViewFocus } from '../views/primitives/useViewFocus';
import { dataLimits } from '../share/dataMemory';
import { CHRONO_MIN } from '../engine/init';

/** The shortest sequence the config's task takes. */
const minLength = (c: RunConfig): number => Math.max(RANGES.length.min, taskMinLength(c.task, { delay: c.pulseDelay, width: c.pulseWidth }));

function Switch({ label, on, onChange, disabled, hint }: { label: string; on: boolean; onChange: (on: boolean) => void; disabled?: boolean; hint?: string }) {
  const hintId = useId();
  return (
    <div className="switch-row">
      <button type="button" role="switch" aria-checked={on} className="switch" onClick={() => onChange(!on)} disabled={disabled} aria-describedby={hint ? hintId : undefined}>
        <span className="switch-knob" aria-hidden="true" />
        <span className="switch-label">{label}</span>
      </button>
      {hint && (
        <span id={hintId} className={`muted small${hint.length > 40 ? ' switch-hint-long' : ''}`}>
          {hint}
        </span>
      )}
    </div>
  );
}

export function RunButtons() {
  const status = useStore((s) => s.status);
  const { play, pause, stepOnce, reset } = useStore(useShallow(selectActions));
  const m = useMessages();
  const running = status === 'running';
  const blocked = status === 'error' || status === 'idle';
  return (
    <div className="run-buttons">
      <button type="button" className="primary" onClick={play} disabled={running || blocked}>
        {m.run.play}
      </button>
      <button type="button" onClick={pause} disabled={!running}>
        {m.run.pause}
      </button>
      <button type="button" onClick={stepOnce} disabled={blocked}>
        {m.run.step}
      </button>
      <button type="button" onClick={reset} disabled={status === 'idle'}>
        {m.run.reset}
      </button>
    </div>
  );
}

/** The LSTM variants of Greff et al.: each sets the peepholes, the forget gate and the one change together. */
function VariantSelect() {
  const config = useStore(selectConfig);
  const configure = useStore((st) => st.configure);
  const s = useMessages().settings;
  const variant = greffVariant(config);
  return (
    <div className="field">
      <label htmlFor="lstm-variant">{s.variant}</label>
      <select
        id="lstm-variant" value={variant ?? 'other'}
        onChange={(e) => configure(variantSwitches(e.target.value as GreffVariant))}
      >
        {GREFF_VARIANTS.map((v) => (
          <option key={v} value={v}>{s.variants[v]}</option>
        ))}
        {variant === null && <option value="other" disabled>{s.variants.other}</option>}
      </select>
    </div>
  );
}

export function Controls() {
  const config = useStore(selectConfig);
  const { configure, setPeephole, setForgetFixed } = useStore(useShallow(selectActions));
  const m = useMessages();
  const s = m.settings;
  const viewFocus = useViewFocus('controls');
  // On a narrow screen the settings fold away under the run buttons (the views come first);
  // a chapter that asks for one of them opens them.
  const [chosen, setChosen] = useState<{ open: boolean; focus: typeof viewFocus } | null>(null);
  // The reader's own choice holds until the lesson's focus on the settings changes.
  const shown = chosen !== null && chosen.focus === viewFocus ? chosen.open : viewFocus === 'focus';
  const setOpen = (open: boolean) => setChosen({ open, focus: viewFocus });
  const bodyId = useId();
  const chrono = config.chrono ?? 0;
  // On the user's data, the longest sequence bounds the batch and H that fit in the page's memory.
  const limits = config.task === 'data' && config.data ? dataLimits(config.data.set, config) : { batch: Infinity, hidden: Infinity };
  return (
    <section className="panel controls" aria-label={s.region} data-view="controls" data-lesson={viewFocus} data-open={shown ? 'true' : 'false'}>
      <button type="button" className="settings-toggle" aria-expanded={shown} aria-controls={bodyId} onClick={() => setOpen(!shown)}>
        {s.region}
        <span className="settings-arrow" aria-hidden="true">
          {shown ? '▴' : '▾'}
        </span>
      </button>
      <div className="controls-body" id={bodyId}>
      <h2>{s.network}</h2>
      <div className="field">
        <label htmlFor="cell-type">{s.cellType}</label>
        <select id="cell-type" value={config.cell} onChange={(e) => configure({ cell: e.target.value as CellKind })}>
          <option value="fnn">{m.cells.fnn}</option>
          <option value="rnn">{m.cells.rnn}</option>
          <option value="lstm">{m.cells.lstm}</option>
          <option value="gru">{m.cells.gru}</option>
        </select>
      </div>
      <Switch
        label={s.peepholes}
        on={config.cell === 'lstm' && config.peephole}
        onChange={setPeephole}
        disabled={config.cell !== 'lstm'}
        hint={config.cell !== 'lstm' ? s.lstmOnly : undefined}
      />
      {config.cell === 'lstm' && (
        <Switch
          label={s.forgetFixed} on={config.forgetFixed} onChange={setForgetFixed}
          disabled={config.change === 'CIFG'} hint={config.change === 'CIFG' ? s.cifgNoFix : undefined}
        />
      )}
      {config.cell === 'lstm' && <VariantSelect />}
      {config.cell === 'gru' && (
        <Switch label={s.resetAfter} on={config.resetAfter} onChange={(on) => configure({ resetAfter: on })} />
      )}
      {config.cell === 'fnn' && (
        <NumberField label={s.window} value={config.window} {...RANGES.window} integer onCommit={(window) => configure({ window })} />
      )}
      <NumberField label={s.hidden} value={config.hidden} min={RANGES.hidden.min} max={Math.max(RANGES.hidden.min, Math.min(RANGES.hidden.max, limits.hidden))} integer onCommit={(hidden) => configure({ hidden })} />
      {config.cell !== 'fnn' && (
        <NumberField
          label={s.recurrentScale}
          value={config.recurrentScale}
          {...RANGES.recurrentScale}
          step={0.05}
          onCommit={(recurrentScale) => configure({ recurrentScale })}
        />
      )}
      {config.cell === 'lstm' && (
        <NumberField
          label={s.forgetBias} value={config.forgetBias} {...RANGES.forgetBias} step={0.5} disabled={chrono > 0}
          onCommit={(forgetBias) => configure({ forgetBias })}
        />
      )}
      {(config.cell === 'lstm' || config.cell === 'gru') && (
        <>
          <Switch
            label={s.chrono} on={chrono > 0} hint={config.cell === 'lstm' ? s.chronoLstm : s.chronoGru}
            onChange={(on) => configure({ chrono: on ? Math.max(CHRONO_MIN, Math.min(RANGES.chrono.max, config.task === 'data' ? 100 : config.length)) : 0 })}
          />
          {chrono > 0 && (
            <NumberField label={s.chronoMax} value={chrono} min={CHRONO_MIN} max={RANGES.chrono.max} integer onCommit={(value) => configure({ chrono: value })} />
          )}
        </>
      )}
      <h2>{s.taskHeading}</h2>
      <div className="field">
        <label htmlFor="task">{s.task}</label>
        <select
          id="task"
          value={config.task}
          onChange={(e) => {
            const task = e.target.value as TrainTask;
            configure({ task, length: Math.max(config.length, minLength({ ...config, task })) });
          }}
        >
          <option value="sine">{s.tasks.sine}</option>
          <option value="remember-first">{s.tasks['remember-first']}</option>
          <option value="adding">{s.tasks.adding}</option>
          <option value="timed-pulse">{s.tasks['timed-pulse']}</option>
          {config.task === 'data' && <option value="data">{s.tasks.data}</option>}
        </select>
      </div>
      {config.task === 'data' && config.data ? (
        <p className="muted small" data-testid="data-task">{config.data.name}</p>
      ) : config.task === 'remember-first' ? (
        // The delay: how many steps the first input must be kept before it is asked for.
        <NumberField label={s.delay} value={config.length - 1} min={RANGES.length.min} max={RANGES.length.max - 1} integer onCommit={(delay) => configure({ length: delay + 1 })} />
      ) : (
        <NumberField label={s.length} value={config.length} min={minLength(config)} max={RANGES.length.max} integer onCommit={(length) => configure({ length })} />
      )}
      {config.task === 'timed-pulse' && (
        <>
          <NumberField
            label={s.pulseDelay} value={config.pulseDelay} min={RANGES.pulseDelay.min}
            max={Math.min(RANGES.pulseDelay.max, config.length - config.pulseWidth - 1)} integer
            onCommit={(pulseDelay) => configure({ pulseDelay })}
          />
          <NumberField
            label={s.pulseWidth} value={config.pulseWidth} min={RANGES.pulseWidth.min}
            max={Math.min(RANGES.pulseWidth.max, config.length - config.pulseDelay - 1)} integer
            onCommit={(pulseWidth) => configure({ pulseWidth })}
          />
        </>
      )}
      {config.task === 'remember-first' && (
        <NumberField label={s.noise} value={config.noise} {...RANGES.noise} step={0.1} onCommit={(noise) => configure({ noise })} />
      )}
      <h2>{s.training}</h2>
      <NumberField label={s.lr} value={config.lr} {...RANGES.lr} step={0.001} onCommit={(lr) => configure({ lr })} />
      <div className="field">
        <label htmlFor="optimizer">{s.optimizer}</label>
        <select id="optimizer" value={config.optimizer} onChange={(e) => configure({ optimizer: e.target.value as 'adam' | 'sgd' })}>
          <option value="adam">{s.optimizers.adam}</option>
          <option value="sgd">{s.optimizers.sgd}</option>
        </select>
      </div>
      <NumberField label={s.batch} value={config.batch} min={RANGES.batch.min} max={Math.max(RANGES.batch.min, Math.min(RANGES.batch.max, limits.batch))} integer onCommit={(batch) => configure({ batch })} />
      <NumberField label={s.clip} value={config.clip} {...RANGES.clip} step={0.1} onCommit={(clip) => configure({ clip })} />
      <NumberField label={s.seed} value={config.seed} {...RANGES.seed} integer onCommit={(seed) => configure({ seed })} />
      </div>
    </section>
  );
}
