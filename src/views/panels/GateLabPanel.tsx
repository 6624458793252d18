/**
 * The gate lab: hold a gate at a constant (for the selected unit or for all) or silence a unit,
 * and see at once what breaks. The worker recomputes the probe with the interventions, so every
 * view shows the network as intervened on; training can go on with them. The list says what is
 * on, each undoable, with the probe's loss before and now. A gate node clicked in the rolled
 * diagram is the one chosen here.
 */
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { GATE_NAMES, type GateName } from '../../engine/spec';
import { clampRange, type Intervention } from '../../engine/interventions';
import { NumberField } from '../primitives/NumberField';
import { useMessages, useNumberFormat, type Messages } from '../../i18n';
import { formatLoss } from '../primitives/color';

function describe(m: Messages['lab'], gates: Readonly<Record<string, string>>, iv: Intervention, fmt: ReturnType<typeof useNumberFormat>): string {
  if (iv.kind === 'ablate') return m.silenced(fmt.int(iv.unit + 1));
  const gate = gates[iv.gate] ?? iv.gate;
  return iv.unit === 'all' ? m.heldAll(gate, fmt.fixed(iv.value, 2)) : m.heldOne(gate, fmt.int(iv.unit + 1), fmt.fixed(iv.value, 2));
}

export function GateLabPanel() {
  const { config, unit, interventions, base, snapshot, labGate } = useStore(useShallow((s) => ({
    config: s.config, unit: s.unit, interventions: s.interventions, base: s.interventionBase, snapshot: s.snapshot, labGate: s.labGate,
  })));
  const { addIntervention, removeIntervention, clearInterventions, setLabGate } = useStore(useShallow((s) => ({
    addIntervention: s.addIntervention, removeIntervention: s.removeIntervention, clearInterventions: s.clearInterventions, setLabGate: s.setLabGate,
  })));
  const msg = useMessages();
  const m = msg.lab;
  const fmt = useNumberFormat();
  const cell = config.cell;
  const gated = cell === 'lstm' || cell === 'gru';
  const names: readonly GateName[] = gated ? GATE_NAMES[cell] : [];
  const gate: GateName | null = gated ? (labGate && names.includes(labGate) ? labGate : names[0]!) : null;
  const range = gate ? clampRange(gate) : { min: 0, max: 1 };
  const [value, setValue] = useState(0.5);
  const [all, setAll] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const held = Math.min(range.max, Math.max(range.min, value));
  const gateWords = msg.heatmaps.gates[cell] ?? {};
  const act = (iv: Intervention) => setRefusal(addIntervention(iv));
  const now = snapshot && snapshot.interventions.length > 0 ? snapshot.probeLoss : null;
  return (
    <section className="panel gate-lab" aria-label={m.region} data-view="lab">
      <div className="panel-head">
        <h2>{m.heading}</h2>
      </div>
      <p className="muted small">{m.intro}</p>
      {cell === 'fnn' ? (
        <p className="muted small">{m.noFnn}</p>
      ) : (
        <div className="lab-form">
          {gate && (
            <>
              <div className="field">
                <label htmlFor="lab-gate">{m.gate}</label>
                <select id="lab-gate" value={gate} onChange={(e) => setLabGate(e.target.value as GateName)}>
                  {names.map((g) => (
                    <option key={g} value={g}>{gateWords[g] ?? g}</option>
                  ))}
                </select>
              </div>
              <fieldset className="lab-units">
                <legend>{m.units}</legend>
                <label className="check">
                  <input type="radio" name="lab-units" checked={!all} onChange={() => setAll(false)} /> {m.unitN(fmt.int(unit + 1))}
                </label>
                <label className="check">
                  <input type="radio" name="lab-units" checked={all} onChange={() => setAll(true)} /> {m.allUnits}
                </label>
              </fieldset>
              <div className="lab-value">
                <input
                  type="range" aria-label={m.slider(gate)} min={range.min} max={range.max} step={0.01} value={held}
                  onChange={(e) => setValue(Number(e.target.value))}
                />
                <NumberField label={m.value(gate, String(range.min), String(range.max))} value={held} min={range.min} max={range.max} step={0.01} onCommit={setValue} />
              </div>
              <button type="button" className="small-button" onClick={() => act({ kind: 'clamp', gate, unit: all ? 'all' : unit, value: held })}>
                {m.hold}
              </button>
            </>
          )}
          <button type="button" className="small-button" onClick={() => act({ kind: 'ablate', unit })}>
            {m.silence(fmt.int(unit + 1))}
          </button>
        </div>
      )}
      {refusal && <p role="alert" className="field-error">{refusal}</p>}
      {interventions.length > 0 && (
        <>
          <ul className="lab-list" aria-label={m.listLabel}>
            {interventions.map((iv, k) => (
              <li key={k} data-intervention={iv.kind === 'ablate' ? `ablate-${iv.unit}` : `clamp-${iv.gate}-${iv.unit}`}>
                {describe(m, gateWords, iv, fmt)}{' '}
                <button type="button" className="small-button" onClick={() => removeIntervention(k)} aria-label={m.undoOne(describe(m, gateWords, iv, fmt))}>
                  {m.undo}
                </button>
              </li>
            ))}
          </ul>
          <p className="lab-effect" role="status" data-before={base?.probeLoss} data-now={now ?? undefined}>
            {base && now !== null ? m.effect(formatLoss(base.probeLoss), fmt.int(base.step), formatLoss(now)) : m.waiting}
          </p>
          <button type="button" className="small-button" onClick={clearInterventions}>
            {m.undoAll}
          </button>
        </>
      )}
    </section>
  );
}
