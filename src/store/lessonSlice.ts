/**
 * The lesson slice: which chapter is open (or the welcome, or none: free exploring), and how
 * far its setup has come. Opening a chapter sets its network up from scratch: its config, a
 * fresh network from its seed, training to its budget in the worker, and the networks beside
 * it in the comparison workers. A user action during the setup takes over from it.
 */
import type { StateCreator } from 'zustand';
import { CHAPTERS, chapterIndex } from '../lesson/chapters';
import { ownSnapshot } from '../lesson/evidence';
import type { Store } from './index';
import { peepholeMarkFor } from './peephole';
import type { Snapshot } from '../worker/protocol';

export type LessonView = 'welcome' | 'chapter' | 'off';

export interface LessonState {
  readonly view: LessonView;
  /** The chapter on display, or the one last left (1-based; 0 before any). */
  readonly chapter: number;
  /** The chapter's network is still being trained to its budget. */
  readonly settingUp: boolean;
  /** A user action took over during the setup: what is on screen is no longer the chapter's own run. */
  readonly takenOver: boolean;
  /** Training stopped during the setup (it diverged, or the worker failed). */
  readonly failed: boolean;
  /** The number of the chapter's run in the worker (its snapshots and statuses carry it). */
  readonly run: number;
  /** The training step a held-out score was last asked for (the chapters that compare scores), or null. */
  readonly scoring: number | null;
  /** When the setup began and ended (performance.now()), for the setup time shown. */
  readonly startedAt: number;
  readonly readyAt: number | null;
  /** The snapshot when the setup finished: the state before the reader acts. */
  readonly baseline: Snapshot | null;
}

export interface LessonSlice {
  lesson: LessonState;
  /** Open chapter n (1-based) and set its network up from scratch. */
  openChapter: (n: number) => void;
  /** Leave the lesson for free exploring; the chapter is remembered for resuming. */
  leaveLesson: () => void;
  /** Back to the chapter last left (set up again), or the first. */
  resumeLesson: () => void;
  /** Called after every worker event: notices when the chapter's setup has reached its budget. */
  lessonProgress: () => void;
  /** A user action: during a setup, it takes over. */
  lessonTakeOver: () => void;
}

const now = (): number => (typeof performance === 'undefined' ? Date.now() : performance.now());

export const NO_LESSON: LessonState = {
  view: 'off', chapter: 0, settingUp: false, takenOver: false, failed: false, run: -1, scoring: null, startedAt: 0, readyAt: null, baseline: null,
};

export const createLessonSlice: StateCreator<Store, [], [], LessonSlice> = (set, get) => {
  /** The networks trained beside a chapter serve only its evidence: they end with it. */
  const stopChapterComparison = () => {
    if (get().comparison && get().comparison!.owner !== 'panel') get().stopComparison();
  };
  return {
    lesson: NO_LESSON,
    openChapter: (n) => {
      const index = chapterIndex(n);
      const chapter = CHAPTERS[index]!;
      const { config, steps, companions } = chapter.setup;
      const run = get().run + 1;
      set({
        lesson: { ...NO_LESSON, view: 'chapter', chapter: index + 1, settingUp: true, startedAt: now(), run },
        config, run, error: null, example: 0, changedMidRun: false, origin: 'seed', linkTarget: null, peepholeMark: peepholeMarkFor(config), ownProbe: null,
        snapshot: null, step: 0, status: 'idle', gradientCheck: null, measured: null, evaluation: null, interventions: [], interventionBase: null,
      });
      get().send({ type: 'configure', config, run });
      if (steps > 0) get().send({ type: 'play', until: steps });
      if (companions.length > 0) get().startComparison({ runs: companions, preset: null, owner: chapter.id });
      else stopChapterComparison();
      if (chapter.setup.measureCost) get().send({ type: 'measure-cost' });
    },
    leaveLesson: () => {
      set({ lesson: { ...get().lesson, view: 'off', settingUp: false } });
      stopChapterComparison();
    },
    resumeLesson: () => get().openChapter(Math.max(1, get().lesson.chapter)),
    lessonProgress: () => {
      const { lesson, snapshot, status, seen, evaluation } = get();
      if (lesson.view !== 'chapter' || lesson.takenOver || lesson.failed || !snapshot) return;
      // Only the chapter's own run counts, not events still in flight from the one before.
      if (seen.snapshot !== lesson.run || seen.status !== lesson.run) return;
      const chapter = CHAPTERS[lesson.chapter - 1]!;
      const { setup } = chapter;
      if (lesson.settingUp) {
        if (status === 'error') {
          set({ lesson: { ...lesson, settingUp: false, failed: true } });
          return;
        }
        if (!ownSnapshot(chapter, snapshot) || snapshot.step !== setup.steps || status === 'running') return;
        set({ lesson: { ...lesson, settingUp: false, readyAt: now(), baseline: snapshot } });
        get().setT(setup.cursor.t === 'last' ? snapshot.T : setup.cursor.t);
        get().setUnit(setup.cursor.unit);
      }
      // A chapter that compares held-out scores scores the network on screen whenever it rests at a
      // step not yet scored (after its setup, and again if the reader trains it on).
      const current = get().lesson;
      if (setup.evaluate && status === 'paused' && evaluation?.step !== snapshot.step && current.scoring !== snapshot.step) {
        set({ lesson: { ...current, scoring: snapshot.step } });
        get().send({ type: 'evaluate' });
      }
    },
    lessonTakeOver: () => {
      const { lesson } = get();
      if (lesson.view === 'chapter' && lesson.settingUp) set({ lesson: { ...lesson, settingUp: false, takenOver: true } });
    },
  };
};
