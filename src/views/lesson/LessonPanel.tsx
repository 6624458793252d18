/**
 * The lesson: a welcome on a first visit, then ten chapters along the introduction's path.
 * Each chapter sets up its network (the store does, through the worker), points at the views
 * it is about, explains in a few sentences, asks for one action, and gives one evidence line
 * computed from what is on screen now (src/lesson/evidence.ts), marked ✓ only when it holds.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore, type Store } from '../../store';
import { CHAPTERS, type Chapter } from '../../lesson/chapters';
import { evidenceOf, type Evidence } from '../../lesson/evidence';
import { useMessages, useNumberFormat, type Messages, type NumberFormat } from '../../i18n';
import type { EvidenceFormat, EvidenceValues } from '../../i18n/lessonEn';
import type { ChapterId } from '../../lesson/chapterIds';
import { ChapterFigure } from './ChapterFigure';

/** Numbers in evidence lines: 3 significant digits, powers of ten written out, whole numbers grouped. */
export function evidenceFormat(fmt: NumberFormat, floor: string): EvidenceFormat {
  return {
    sig: (x) => (Number.isFinite(x) ? (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? String(Number(x.toPrecision(3))) : x.toExponential(2)) : '–'),
    pow: (log10) => (Number.isFinite(log10) ? `10^${fmt.fixed(log10, 1).replace('-', '−')}` : log10 < 0 ? floor : '–'),
    int: (x) => fmt.int(Math.round(x)),
  };
}

/** Everything the evidence reads, from the store. */
const selectEvidenceInput = (s: Store) => ({
  snapshot: s.snapshot, config: s.config, comparison: s.comparison, reports: s.reports,
  measured: s.measured, evaluation: s.evaluation, baseline: s.lesson.baseline, t: s.t, unit: s.unit,
});

export function useEvidence(chapter: Chapter): Evidence {
  const input = useStore(useShallow(selectEvidenceInput));
  // Only the reports of this chapter's own comparison count; if another has replaced it, the
  // networks the evidence compares against are gone.
  const own = input.comparison?.owner === chapter.id;
  if (chapter.setup.companions.length > 0 && !own && input.comparison !== null) return { id: chapter.id, status: 'elsewhere' };
  return evidenceOf(chapter, { ...input, reports: own ? input.reports : {}, usPerStep: input.measured?.usPerStep ?? null });
}

function EvidenceLine({ chapter, evidence, m, fmt }: { chapter: Chapter; evidence: Evidence; m: Messages; fmt: NumberFormat }) {
  const l = m.lesson;
  const holds = evidence.status === 'measured' && evidence.holds;
  let words: string;
  if (evidence.status === 'measured') {
    const text = l.chapters[chapter.id].evidence as (e: EvidenceValues[ChapterId], f: EvidenceFormat, holds: boolean) => string;
    words = text(evidence as never, evidenceFormat(fmt, l.status.floor), evidence.holds);
  } else words = evidence.status === 'waiting' ? l.status.waiting : l.status.elsewhere;
  return (
    <p className={`evidence${holds ? ' evidence-holds' : ''}`} data-claim={chapter.id} data-holds={holds ? 'true' : 'false'} data-status={evidence.status} role="status">
      <strong>{l.status.evidence}</strong>{' '}
      <span aria-hidden="true">{holds ? '✓ ' : evidence.status === 'measured' && !evidence.awaiting ? '✗ ' : ''}</span>
      {words}
    </p>
  );
}

function ChapterNav({ n, m, fmt }: { n: number; m: Messages; fmt: NumberFormat }) {
  const openChapter = useStore((s) => s.openChapter);
  const l = m.lesson;
  const total = CHAPTERS.length;
  return (
    <nav className="lesson-nav" aria-label={l.nav.chapters}>
      <button type="button" className="small-button" disabled={n <= 1} onClick={() => openChapter(n - 1)}>
        <span aria-hidden="true">← </span>
        {l.nav.previous}
      </button>
      <span className="lesson-progress" aria-live="polite">
        {l.nav.progress(fmt.int(n), fmt.int(total))}
      </span>
      <button type="button" className="small-button" disabled={n >= total} onClick={() => openChapter(n + 1)}>
        {l.nav.next}
        <span aria-hidden="true"> →</span>
      </button>
      <details className="chapter-list">
        <summary>{l.nav.chapters}</summary>
        <ol>
          {CHAPTERS.map((c, k) => (
            <li key={c.id}>
              <button type="button" className="link-button" aria-current={k + 1 === n ? 'step' : undefined} onClick={() => openChapter(k + 1)}>
                {l.nav.chapter(fmt.int(k + 1), l.chapters[c.id].title)}
              </button>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}

function SetupStatus({ chapter, m, fmt }: { chapter: Chapter; m: Messages; fmt: NumberFormat }) {
  const { lesson, step } = useStore(useShallow((s) => ({ lesson: s.lesson, step: s.step })));
  const openChapter = useStore((s) => s.openChapter);
  const l = m.lesson.status;
  const total = chapter.setup.steps;
  const again = (
    <button type="button" className="small-button" onClick={() => openChapter(lesson.chapter)}>
      {m.lesson.nav.again}
    </button>
  );
  if (lesson.takenOver || lesson.failed) return <p className="lesson-status">{lesson.failed ? l.failed : l.takenOver} {again}</p>;
  const time = lesson.readyAt !== null ? l.ready(fmt.fixed((lesson.readyAt - lesson.startedAt) / 1000, 1)) : null;
  return (
    <p className="lesson-status" data-ready={lesson.settingUp ? 'false' : 'true'}>
      {lesson.settingUp ? l.settingUp(fmt.int(Math.min(step, total)), fmt.int(total)) : total === 0 ? l.untrained : null} {time} {!lesson.settingUp && again}
    </p>
  );
}

/** Where the chapter sticks to the top of the screen (lesson.css says the same). */
const STICKY_LESSON = '(min-width: 901px) and (min-height: 700px)';

/** The chapter's first view, in the chapter's own order (its main view comes first). */
function firstFocused(chapter: Chapter): HTMLElement | null {
  for (const view of chapter.views) {
    const el = document.querySelector<HTMLElement>(`[data-view="${view}"]`);
    if (el) return el;
  }
  return null;
}

function ChapterView({ n }: { n: number }) {
  const m = useMessages();
  const fmt = useNumberFormat();
  const chapter = CHAPTERS[n - 1]!;
  const text = m.lesson.chapters[chapter.id];
  const evidence = useEvidence(chapter);
  const settingUp = useStore((s) => s.lesson.settingUp);
  // Draw the eye: once set up, bring the first view the chapter is about into sight, just below
  // the chapter where it sticks to the top (a wide screen); on a small screen, the chapter itself.
  // Once more when the evidence is in: the views above may have changed size meanwhile.
  const measured = evidence.status === 'measured';
  useEffect(() => {
    if (settingUp) return;
    const sticks = window.matchMedia(STICKY_LESSON).matches;
    const target = sticks ? firstFocused(chapter) : document.querySelector<HTMLElement>('.lesson');
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    target?.scrollIntoView({ block: 'start', behavior: reduced ? 'auto' : 'smooth' });
  }, [chapter, settingUp, measured]);
  return (
    <div className="lesson-chapter" data-chapter={chapter.id}>
      <ChapterNav n={n} m={m} fmt={fmt} />
      <h2>{m.lesson.nav.chapter(fmt.int(n), text.title)}</h2>
      <SetupStatus chapter={chapter} m={m} fmt={fmt} />
      {text.body.map((p, k) => (
        <p key={k}>{p}</p>
      ))}
      <p className="lesson-action">
        <strong>{m.lesson.status.doThis}</strong> {text.action}
      </p>
      <p className="lesson-look">
        <strong>{m.lesson.status.lookFor}</strong> {text.lookFor}
      </p>
      <EvidenceLine chapter={chapter} evidence={evidence} m={m} fmt={fmt} />
      <ChapterFigure chapter={chapter} evidence={evidence} />
    </div>
  );
}

function Welcome() {
  const m = useMessages().lesson;
  const { openChapter, leaveLesson } = useStore(useShallow((s) => ({ openChapter: s.openChapter, leaveLesson: s.leaveLesson })));
  return (
    <div className="lesson-welcome">
      <h2>{m.welcome.heading}</h2>
      {m.welcome.intro.map((p, k) => (
        <p key={k}>{p}</p>
      ))}
      <div className="welcome-actions">
        <button type="button" className="primary-button" onClick={() => openChapter(1)}>
          {m.welcome.start}
        </button>
        <button type="button" className="small-button" onClick={leaveLesson}>
          {m.welcome.explore}
        </button>
      </div>
    </div>
  );
}

export function LessonPanel() {
  const { view, chapter } = useStore(useShallow((s) => ({ view: s.lesson.view, chapter: s.lesson.chapter })));
  const leaveLesson = useStore((s) => s.leaveLesson);
  const m = useMessages().lesson;
  if (view === 'off') return null;
  return (
    <section className="panel lesson" aria-label={m.region} data-lesson-view={view}>
      {view === 'chapter' && (
        <button type="button" className="small-button lesson-leave" onClick={leaveLesson}>
          {m.nav.leave}
        </button>
      )}
      {view === 'welcome' ? <Welcome /> : <ChapterView n={chapter} />}
    </section>
  );
}
