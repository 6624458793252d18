/**
 * Runs a lesson chapter for one seed exactly as the page does: the live network in a
 * TrainingSession trained to the chapter's budget, the networks beside it as comparison runs
 * (ComparedRun, what the comparison workers run), the speeds measured by the session, and the
 * reader's action where the evidence needs one. Then the chapter's evidence, as the page computes it.
 */
import { TrainingSession } from '../../src/worker/session';
import { ComparedRun } from '../../src/worker/compareRun';
import type { RunReport } from '../../src/worker/compareProtocol';
import { CHAPTERS } from '../../src/lesson/chapters';
import { evidenceOf, type Evidence } from '../../src/lesson/evidence';
import type { ChapterId } from '../../src/lesson/chapterIds';
import type { RunConfig } from '../../src/worker/protocol';

export interface ChapterRunOptions {
  /** Do the reader's action where the chapter asks for one (true unless told). */
  readonly act?: boolean;
  /** Change the chapter's network before it is set up (to show that the evidence tells networks apart). */
  readonly patch?: Partial<RunConfig>;
}

export function runChapter(id: ChapterId, seed: number, options: ChapterRunOptions = {}): { evidence: Evidence; ms: number } {
  const started = performance.now();
  const chapter = CHAPTERS.find((c) => c.id === id)!;
  const { setup } = chapter;
  let config = { ...setup.config, ...options.patch, seed };
  const session = new TrainingSession(config);
  while (session.steps < setup.steps) {
    if (!session.trainStep()) throw new Error(`${id}, seed ${seed}: diverged at step ${session.steps}`);
  }
  const baseline = session.snapshot(0);
  const reports: Record<string, RunReport> = {};
  for (const run of setup.companions) {
    const compared = new ComparedRun({ ...run, config: { ...run.config, seed } }, 0);
    while (compared.live) compared.train(1e9, () => performance.now());
    reports[run.id] = compared.report(performance.now());
  }
  const usPerStep = setup.measureCost ? session.measureCost() : null;
  if (setup.action === 'fix-forget' && options.act !== false) {
    session.setForgetFixed(true);
    config = { ...config, forgetFixed: true };
  }
  const evaluation = setup.evaluate ? { step: session.steps, ratio: session.heldOutRatio() } : null;
  const snapshot = session.snapshot(0);
  const t = setup.cursor.t === 'last' ? snapshot.T : setup.cursor.t;
  // The chapter as the page has it, but with the network actually on screen.
  const onScreen = options.patch ? { ...chapter, setup: { ...setup, config: { ...setup.config, ...options.patch } } } : chapter;
  const evidence = evidenceOf(onScreen, { snapshot, config, reports, usPerStep, evaluation, baseline, t, unit: setup.cursor.unit });
  const ms = performance.now() - started;
  const { factors: _, ...shown } = evidence as Evidence & { factors?: unknown };
  console.log(`${id}, seed ${seed} (${(ms / 1000).toFixed(1)} s): ${JSON.stringify(shown)}`);
  return { evidence, ms };
}
