/**
 * A chapter's own figure, where its point needs one the other views do not draw: the factor
 * of each step back (the vanishing gradient), and the input gate of the LSTM trained beside the
 * RNN (the weight conflict).
 */
import { useStore } from '../../store';
import type { Chapter } from '../../lesson/chapters';
import { meanInputGate, type Evidence } from '../../lesson/evidence';
import { StepBars } from '../charts/GradientByStep';
import { useMessages } from '../../i18n';

export function ChapterFigure({ chapter, evidence }: { chapter: Chapter; evidence: Evidence }) {
  const m = useMessages().lesson;
  const t = useStore((s) => s.t);
  const lstm = useStore((s) => (s.comparison?.owner === chapter.id ? s.reports.lstm?.probe : undefined));
  if (evidence.status === 'measured' && evidence.id === 'vanishing') {
    // log10 of each factor, so that a factor below 1 is a bar below the line at 1.
    const logs = Array.from(evidence.factors, (f) => (f > 0 ? Math.log10(f) : Number.NaN)).map((v) => (Number.isFinite(v) ? v : 0));
    return (
      <figure className="lesson-figure">
        <figcaption>{m.stepFactors.caption}</figcaption>
        <StepBars values={logs} first={2} t={t} label={m.stepFactors.label} formatY={(v) => `×${Number((10 ** v).toPrecision(2))}`} />
      </figure>
    );
  }
  if (chapter.id === 'conflict' && lstm) {
    return (
      <figure className="lesson-figure">
        <figcaption>{m.gradientByStep.lstmGate}</figcaption>
        <StepBars values={meanInputGate(lstm)} t={t} label={m.gradientByStep.lstmLabel} />
      </figure>
    );
  }
  return null;
}
