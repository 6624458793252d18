/**
 * A labelled number input that refuses out-of-range or non-numeric values: the message says
 * what is wrong, inline, and the previous value stays in force.
 */
import { useEffect, useId, useState } from 'react';
import { useMessages } from '../../i18n';

export interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  integer?: boolean;
  onCommit: (value: number) => void;
  disabled?: boolean;
}

export function NumberField({ label, value, min, max, step, integer = false, onCommit, disabled }: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [problem, setProblem] = useState<string | null>(null);
  const m = useMessages();
  useEffect(() => setText(String(value)), [value]);

  const commit = () => {
    const v = text.trim() === '' ? Number.NaN : Number(text);
    let message: string | null = null;
    if (!Number.isFinite(v)) message = m.field.notANumber(label, text);
    else if (integer && !Number.isInteger(v)) message = m.field.wholeNumber(label);
    else if (v < min || v > max) message = m.field.range(label, String(min), String(max));
    setProblem(message);
    if (message) {
      setText(String(value));
      return;
    }
    if (v !== value) onCommit(v);
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step ?? (integer ? 1 : 'any')}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {problem && (
        <p id={`${id}-problem`} className="field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
