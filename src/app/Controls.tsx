/** The settings of a run and the buttons that drive it. */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectActions, selectConfig, useStore } from '../store';
import { NumberField } from '../views/primitives/NumberField';
import type { CellKind } from '../engine/spec';
import type { TrainTask } from '../worker/protocol';

function Switch({ label, on, onChange, disabled, hint }: { label: string; on: boolean; onChange: (on: boolean) => void; disabled?: boolean; hint?: string }) {
  const hintId = useId();
  return (
    <div className="switch-row">
      <button type="button" role="switch" aria-checked={on} className="switch" onClick={() => onChange(!on)} disabled={disabled} aria-describedby={hint ? hintId : undefined}>
        <span className="switch-knob" aria-hidden="true" />
        <span className="switch-label">{label}</span>
      </button>
      {hint && (
        <span id={hintId} className="muted small">
          {hint}
        </span>
      )}
    </div>
  );
}

export function RunButtons() {
  const status = useStore((s) => s.status);
  const { play, pause, stepOnce, reset } = useStore(useShallow(selectActions));
  const running = status === 'running';
  const blocked = status === 'error' || status === 'idle';
  return (
    <div className="run-buttons">
      <button type="button" className="primary" onClick={play} disabled={running || blocked}>
        Play
      </button>
      <button type="button" onClick={pause} disabled={!running}>
        Pause
      </button>
      <button type="button" onClick={stepOnce} disabled={blocked}>
        Step
      </button>
      <button type="button" onClick={reset} disabled={status === 'idle'}>
        Reset
      </button>
    </div>
  );
}

export function Controls() {
  const config = useStore(selectConfig);
  const { configure, setPeephole, setForgetFixed } = useStore(useShallow(selectActions));
  return (
    <section className="panel controls" aria-label="Settings">
      <h2>Network</h2>
      <div className="field">
        <label htmlFor="cell-type">Cell type</label>
        <select id="cell-type" value={config.cell} onChange={(e) => configure({ cell: e.target.value as CellKind })}>
          <option value="rnn">RNN</option>
          <option value="lstm">LSTM</option>
          <option value="gru">GRU</option>
        </select>
      </div>
      <Switch
        label="Peephole connections"
        on={config.cell === 'lstm' && config.peephole}
        onChange={setPeephole}
        disabled={config.cell !== 'lstm'}
        hint={config.cell !== 'lstm' ? 'LSTM only' : undefined}
      />
      {config.cell === 'lstm' && (
        <Switch label="Forget gate fixed at 1 (the 1997 LSTM)" on={config.forgetFixed} onChange={setForgetFixed} />
      )}
      {config.cell === 'gru' && (
        <Switch label="Reset after (cuDNN)" on={config.resetAfter} onChange={(on) => configure({ resetAfter: on })} />
      )}
      <NumberField label="Hidden size" value={config.hidden} min={1} max={128} integer onCommit={(hidden) => configure({ hidden })} />
      <NumberField
        label="Recurrent weight scale"
        value={config.recurrentScale}
        min={0}
        max={3}
        step={0.05}
        onCommit={(recurrentScale) => configure({ recurrentScale })}
      />
      {config.cell === 'lstm' && (
        <NumberField label="Forget-gate bias" value={config.forgetBias} min={0} max={5} step={0.5} onCommit={(forgetBias) => configure({ forgetBias })} />
      )}
      <h2>Task</h2>
      <div className="field">
        <label htmlFor="task">Task</label>
        <select id="task" value={config.task} onChange={(e) => configure({ task: e.target.value as TrainTask, length: e.target.value === 'adding' ? Math.max(config.length, 2) : config.length })}>
          <option value="sine">Sine wave (next step)</option>
          <option value="remember-first">Remember the first input</option>
          <option value="adding">Adding problem</option>
        </select>
      </div>
      {config.task === 'remember-first' ? (
        // The delay: how many steps the first input must be kept before it is asked for.
        <NumberField label="Delay (steps to remember)" value={config.length - 1} min={1} max={199} integer onCommit={(delay) => configure({ length: delay + 1 })} />
      ) : (
        <NumberField label="Sequence length" value={config.length} min={config.task === 'adding' ? 2 : 1} max={200} integer onCommit={(length) => configure({ length })} />
      )}
      {config.task === 'remember-first' && (
        <NumberField label="Noise" value={config.noise} min={0} max={2} step={0.1} onCommit={(noise) => configure({ noise })} />
      )}
      <h2>Training</h2>
      <NumberField label="Learning rate" value={config.lr} min={0.00001} max={1} step={0.001} onCommit={(lr) => configure({ lr })} />
      <div className="field">
        <label htmlFor="optimizer">Optimiser</label>
        <select id="optimizer" value={config.optimizer} onChange={(e) => configure({ optimizer: e.target.value as 'adam' | 'sgd' })}>
          <option value="adam">Adam</option>
          <option value="sgd">SGD with momentum</option>
        </select>
      </div>
      <NumberField label="Batch size" value={config.batch} min={1} max={256} integer onCommit={(batch) => configure({ batch })} />
      <NumberField label="Gradient clip" value={config.clip} min={0} max={100} step={0.1} onCommit={(clip) => configure({ clip })} />
      <NumberField label="Seed" value={config.seed} min={0} max={2147483647} integer onCommit={(seed) => configure({ seed })} />
    </section>
  );
}
