/** The page: settings on the left, the views of the running network on the right. */
import { Suspense, lazy, useEffect } from 'react';
import { useTrainingWorker } from './useTrainingWorker';
import { useComparisonWorkers } from './useComparisonWorkers';
import { ErrorBoundary } from './ErrorBoundary';
import { Controls, RunButtons } from './Controls';
import { ErrorBanner } from './StatusLine';
import { WorkerFaultBanner } from './WorkerFaultBanner';
import { Header } from './Header';
import { LinkNotice } from './LinkNotice';
import { KernelNotice } from './KernelNotice';
import { UpdateNotice } from './UpdateNotice';
import { ShortcutOverlay, useShortcutKeys } from './Shortcuts';
import { RolledCell } from '../views/diagrams/RolledCell';
import { GateLabPanel } from '../views/panels/GateLabPanel';
import { LossChart } from '../views/charts/LossChart';
import { TimeControls, useCursorKeys } from '../views/panels/TimeControls';
import { GateHeatmap } from '../views/charts/GateHeatmap';
import { PredictionChart } from '../views/charts/PredictionChart';
import { UnrolledTimeline } from '../views/diagrams/UnrolledTimeline';
import { GradientFlow } from '../views/charts/GradientFlow';
import { GradientCheckPanel } from '../views/panels/GradientCheckPanel';
import { CostPanel } from '../views/panels/CostPanel';
import { ComparisonPanel } from '../views/panels/ComparisonPanel';
import { ExportPanel } from '../views/panels/ExportPanel';
import { SequencePanel } from '../views/panels/SequencePanel';
import { GradientByStep } from '../views/charts/GradientByStep';
import { LessonPanel } from '../views/lesson/LessonPanel';

// The equations bring KaTeX: loaded after the first paint, in a chunk of their own.
const Equations = lazy(() => import('../views/equations/Equations').then((m) => ({ default: m.Equations })));
import { useStore } from '../store';
import { useMessages } from '../i18n';
import { useShareLink } from '../share/useShareLink';

/** The document follows the page's language (for fonts and screen readers) and colour scheme. */
function useDocumentSettings(): void {
  const language = useStore((s) => s.language);
  const theme = useStore((s) => s.theme);
  const tagline = useMessages().app.tagline;
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dataset.theme = theme;
    document.title = `Gatescope — ${tagline}`;
  }, [language, theme, tagline]);
}

export function App() {
  useTrainingWorker();
  useComparisonWorkers();
  useShareLink();
  useCursorKeys();
  useShortcutKeys();
  useDocumentSettings();
  const embed = useStore((s) => s.embed);
  const inChapter = useStore((s) => s.lesson.view === 'chapter');
  const m = useMessages();
  return (
    <div className={`app${embed ? ' app-embed' : ''}${inChapter ? ' app-lesson' : ''}`}>
      <a
        className="skip-link"
        href="#views"
        onClick={(e) => {
          // The hash holds the link: the skip link moves the focus without touching it.
          e.preventDefault();
          document.getElementById('views')?.focus();
        }}
      >
        {m.app.skipToViews}
      </a>
      {embed ? <EmbedBar /> : <Header />}
      <ErrorBanner />
      <WorkerFaultBanner />
      <LinkNotice />
      <KernelNotice />
      <UpdateNotice />
      {/* The lesson comes first, also on a phone where the settings stack above the views. */}
      {!embed && (
        <div className="lesson-slot">
          <LessonPanel />
        </div>
      )}
      <div className="layout">
        {!embed && (
          <aside className="sidebar">
            <RunButtons />
            <Controls />
          </aside>
        )}
        <main className="views" id="views" tabIndex={-1}>
          <ErrorBoundary>
            <TimeControls />
            <div className="view-row">
              <RolledCell />
              <div className="chart-column">
                <LossChart />
                <PredictionChart />
              </div>
            </div>
            <Suspense fallback={null}>
              <Equations />
            </Suspense>
            {!embed && <GateLabPanel />}
            <UnrolledTimeline />
            <GradientFlow />
            <GradientByStep />
            {!embed && <ComparisonPanel />}
            <GateHeatmap />
            {!embed && <GradientCheckPanel />}
            {!embed && <CostPanel />}
            {!embed && <ExportPanel />}
            {!embed && <SequencePanel />}
          </ErrorBoundary>
        </main>
      </div>
      <ShortcutOverlay />
    </div>
  );
}

/** Embed mode's only chrome: play and pause, and a link to the full page with the same state. */
function EmbedBar() {
  const m = useMessages();
  const full = () => {
    const url = new URL(window.location.href);
    const params = new URLSearchParams(url.hash.slice(1));
    params.delete('embed');
    url.hash = params.toString();
    return url.toString();
  };
  return (
    <header className="embed-bar">
      <h1>Gatescope</h1>
      <RunButtons />
      <a
        href={full()}
        target="_blank"
        rel="noopener"
        // The hash moves on with the run: the link is written afresh when it is followed.
        onClick={(e) => (e.currentTarget.href = full())}
        onAuxClick={(e) => (e.currentTarget.href = full())}
      >
        {m.share.embedOpen}
      </a>
    </header>
  );
}
