/**
 * The Equations panel: the active cell's forward and backward equations, typeset with KaTeX,
 * each above the same equation with the snapshot's numbers at the cursor (t, unit). Pointing at
 * or focusing a term highlights its node in the rolled cell diagram (the store's `hover`), and
 * a node hovered there lights up its terms here. A substituted line whose arithmetic does not
 * reproduce the snapshot's value says so in the mathematics itself (computed ≠ held).
 */
import 'katex/dist/katex.min.css';
import '../../app/styles/equations.css';
import { memo, useId, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type PointerEvent } from 'react';
import katex from 'katex';
import { useShallow } from 'zustand/react/shallow';
import { selectCursor, selectSnapshot, useStore } from '../../store';
import { useMessages, useNumberFormat } from '../../i18n';
import { useThrottled } from '../primitives/useThrottled';
import { equationLines, variantOf, type EquationLine, type EquationSet, type Term } from './equationTex';
import { useViewFocus } from '../primitives/useViewFocus';

/** The shortest time between two typesettings of the equations, paused and while training. */
const REFRESH_MS = 100;
const REFRESH_TRAINING_MS = 500;

/** KaTeX only ever sees TeX written by equationTex (numbers formatted there), never user text. */
const KATEX_OPTIONS = { throwOnError: false, output: 'htmlAndMathml' } as const;

/**
 * One piece of TeX, rendered by KaTeX (HTML for the eye, MathML for screen readers) straight into
 * its element: KaTeX then sets its sizes and offsets through the DOM's style properties, which the
 * page's `style-src 'self'` allows, where markup with inline style attributes would be refused.
 */
const Tex = memo(function Tex({ tex }: { tex: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (ref.current) katex.render(tex, ref.current, KATEX_OPTIONS);
  }, [tex]);
  return <span className="eq-tex" ref={ref} />;
});

interface RowProps {
  terms: readonly Term[];
  hover: string | null;
  titles: Readonly<Record<string, string>>;
  /** Terms take keyboard focus (the symbolic row; the numeric row mirrors it for the pointer). */
  focusable: boolean;
  className: string;
}

function Row({ terms, hover, titles, focusable, className }: RowProps) {
  return (
    <div className={className}>
      {terms.map((term, k) =>
        term.node ? (
          <span
            key={k}
            className={`eq-term${term.node === hover ? ' eq-term-hovered' : ''}`}
            data-node={term.node}
            tabIndex={focusable ? -1 : undefined}
            title={titles[term.node]}
          >
            <Tex tex={term.tex} />
          </span>
        ) : (
          <Tex key={k} tex={term.tex} />
        ),
      )}
    </div>
  );
}

function Lines({ lines, hover, titles }: { lines: readonly EquationLine[]; hover: string | null; titles: Readonly<Record<string, string>> }) {
  return (
    <ol className="eq-lines">
      {lines.map((l) => (
        <li key={l.key} className="eq-line" data-line={l.key} data-check={l.check ? (l.check.ok ? 'ok' : 'mismatch') : undefined}>
          <Row className="eq-symbolic" terms={l.symbolic} hover={hover} titles={titles} focusable />
          <Row className="eq-numeric" terms={l.numeric} hover={hover} titles={titles} focusable={false} />
        </li>
      ))}
    </ol>
  );
}

/** The node named by the term at or around an event's target, or null. */
function nodeOf(target: EventTarget | null): string | null {
  return target instanceof Element ? (target.closest('[data-node]')?.getAttribute('data-node') ?? null) : null;
}

export interface EquationsBodyProps {
  equations: EquationSet;
  hover: string | null;
  titles: Readonly<Record<string, string>>;
  onHover: (node: string | null) => void;
  labels: { forward: string; backward: string; hoverHint: string; lastStep: string; terms: string };
}

/** The two columns of lines, without the store (rendered on its own in tests). */
export function EquationsBody({ equations, hover, titles, onHover, labels }: EquationsBodyProps) {
  const [inside, setInside] = useState(false);
  const hintId = useId();
  const set = (node: string | null) => {
    if (node !== hover) onHover(node);
  };
  return (
    <>
      <p className="muted small" id={hintId}>
        {labels.hoverHint}
      </p>
      <div
        className="eq-columns"
        // One tab stop for all the terms: inside, ← and → step from term to term (a roving focus),
        // Home and End go to the first and last; Tab leaves.
        // While a term has the focus, the group steps out of the tab order (Shift+Tab leaves too).
        tabIndex={inside ? -1 : 0}
        role="group"
        aria-label={labels.terms}
        aria-describedby={hintId}
        onKeyDown={(e: KeyboardEvent<HTMLDivElement>) => {
          const terms = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('.eq-symbolic [data-node]'));
          const at = terms.indexOf(document.activeElement as HTMLElement);
          const next =
            e.key === 'ArrowRight' || e.key === 'ArrowDown' ? Math.min(at + 1, terms.length - 1)
            : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? Math.max(at - 1, 0)
            : e.key === 'Home' ? 0
            : e.key === 'End' ? terms.length - 1
            : null;
          if (next === null || terms.length === 0) return;
          e.preventDefault();
          e.stopPropagation(); // the page's time and unit keys wait until the focus leaves
          terms[next]!.focus();
        }}
        onPointerOver={(e: PointerEvent) => set(nodeOf(e.target))}
        onPointerLeave={() => set(null)}
        onFocus={(e: FocusEvent) => {
          setInside(e.target !== e.currentTarget);
          set(nodeOf(e.target));
        }}
        onBlur={(e: FocusEvent) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setInside(false);
          set(null);
        }}
      >
        <div className="eq-column">
          <h3>{labels.forward}</h3>
          <Lines lines={equations.forward} hover={hover} titles={titles} />
        </div>
        <div className="eq-column">
          <h3>{labels.backward}</h3>
          {equations.lastStep && <p className="eq-note small">{labels.lastStep}</p>}
          <Lines lines={equations.backward} hover={hover} titles={titles} />
        </div>
      </div>
    </>
  );
}

/** The panel, reading the snapshot, the cursor and the hovered node from the store. */
export function Equations() {
  // Typesetting every line costs several milliseconds: the equations follow the snapshot and the
  // cursor at most ten times a second, twice while training (and always end on the latest), so
  // the diagrams keep their frame rate.
  const refresh = useStore((s) => s.status) === 'running' ? REFRESH_TRAINING_MS : REFRESH_MS;
  const snapshot = useThrottled(useStore(selectSnapshot), refresh);
  const cell = useStore((s) => s.config.cell);
  const forgetFixed = useStore((s) => s.config.forgetFixed);
  const { t, unit } = useThrottled(useStore(useShallow(selectCursor)), refresh);
  const hover = useStore((s) => s.hover);
  const setHover = useStore((s) => s.setHover);
  const msg = useMessages();
  const m = msg.equations;
  const fmt = useNumberFormat();
  const equations = useMemo(
    () => (snapshot && snapshot.cell === cell ? equationLines(snapshot, t, unit, variantOf(snapshot, forgetFixed)) : null),
    [snapshot, cell, t, unit, forgetFixed],
  );
  const viewFocus = useViewFocus('equations');
  return (
    <section className="panel equations" aria-label={m.region} data-view="equations" data-lesson={viewFocus}>
      <div className="panel-head">
        <h2>
          {m.heading} <span className="muted">{m.at(fmt.int(t), fmt.int(unit + 1))}</span>
        </h2>
      </div>
      {equations ? (
        <EquationsBody equations={equations} hover={hover} titles={msg.rolled.nodes[cell]} onHover={setHover} labels={m} />
      ) : (
        <p className="muted">{m.noData}</p>
      )}
    </section>
  );
}
