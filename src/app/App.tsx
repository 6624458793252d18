/** The page: settings on the left, the views of the running network on the right. */
import { useTrainingWorker } from './useTrainingWorker';
import { ErrorBoundary } from './ErrorBoundary';
import { Controls, RunButtons } from './Controls';
import { ErrorBanner, StatusLine } from './StatusLine';
import { RolledCell } from '../views/RolledCell';
import { LossChart } from '../views/LossChart';
import { TimeControls, useCursorKeys } from '../views/TimeControls';
import { GateHeatmap } from '../views/GateHeatmap';
import { PredictionChart } from '../views/PredictionChart';
import { UnrolledTimeline } from '../views/UnrolledTimeline';
import { GradientFlow } from '../views/GradientFlow';
import { GradientCheckPanel } from '../views/GradientCheckPanel';
import { CostPanel } from '../views/CostPanel';
import { ComparisonPanel } from '../views/ComparisonPanel';

export function App() {
  useTrainingWorker();
  useCursorKeys();
  return (
    <div className="app">
      <header className="app-header">
        <h1>Gatescope</h1>
        <p className="tagline">Inside a recurrent network, every number computed live.</p>
        <StatusLine />
      </header>
      <ErrorBanner />
      <div className="layout">
        <aside className="sidebar">
          <RunButtons />
          <Controls />
        </aside>
        <main className="views">
          <ErrorBoundary>
          <TimeControls />
          <div className="view-row">
            <RolledCell />
            <div className="chart-column">
              <LossChart />
              <PredictionChart />
            </div>
          </div>
          <UnrolledTimeline />
          <GradientFlow />
          <ComparisonPanel />
          <GateHeatmap />
          <GradientCheckPanel />
          <CostPanel />
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
