/**
 * A labelled number input that refuses out-of-range or non-numeric values: the message says
 * what is wrong, inline, quoting what was typed, and the previous value stays in force. It is a
 * text field with the spinbutton role (a number input drops what it cannot parse, so "abc" or
 * "1e" could not be quoted); ↑ ↓ step the value as a number input's would.
 */
import { useEffect, useId, useState } from 'react';
import { useMessages, useNumberFormat } from '../../i18n';
import { parseDecimal } from '../../engine/validate';

/** What is wrong with the text typed, worded when drawn (so it follows a change of language). */
type Problem = { readonly kind: 'notANumber' | 'notDecimal'; readonly text: string } | { readonly kind: 'wholeNumber' } | { readonly kind: 'range' };

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
  const [problem, setProblem] = useState<Problem | null>(null);
  const m = useMessages();
  const fmt = useNumberFormat();
  useEffect(() => setText(String(value)), [value]);

  const commit = () => {
    // One number syntax for fields, links and the command line (parseDecimal).
    const v = parseDecimal(text);
    let found: Problem | null = null;
    if (Number.isNaN(v)) found = { kind: text.trim() !== '' && Number.isFinite(Number(text)) ? 'notDecimal' : 'notANumber', text };
    else if (!Number.isFinite(v)) found = { kind: 'notANumber', text };
    else if (integer && !Number.isInteger(v)) found = { kind: 'wholeNumber' };
    else if (v < min || v > max) found = { kind: 'range' };
    setProblem(found);
    if (found) {
      setText(String(value));
      return;
    }
    if (v !== value) onCommit(v);
  };

  /** ↑ ↓: one step up or down from the value in force, within the range. */
  const stepBy = (direction: 1 | -1) => {
    const size = step ?? 1;
    const next = Math.min(max, Math.max(min, Number((value + direction * size).toPrecision(12))));
    setProblem(null);
    setText(String(next));
    if (next !== value) onCommit(next);
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        role="spinbutton"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={text}
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={value}
        disabled={disabled}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            stepBy(e.key === 'ArrowUp' ? 1 : -1);
          }
        }}
      />
      {problem && (
        <p id={`${id}-problem`} className="field-problem" role="alert">
          {problem.kind === 'notANumber'
            ? m.field.notANumber(label, problem.text)
            : problem.kind === 'notDecimal'
              ? m.field.notDecimal(label, problem.text)
              : problem.kind === 'wholeNumber'
                ? m.field.wholeNumber(label)
                : m.field.range(label, fmt.num(min), fmt.num(max))}
        </p>
      )}
    </div>
  );
}
