/**
 * The link and the page, kept in step. At start, the hash sets the configuration, the
 * language, the colour scheme and embed mode (before the worker is configured), and what the
 * run must reach: the training step (replayed from the seed; the engine is deterministic, so
 * the weights come out the same) and then the cursor. Afterwards, the hash follows the page.
 */
import { useEffect } from 'react';
import { useStore, type Store } from '../store';
import { detectLanguage } from '../i18n/language';
import { RUN_IDS, parseHash, writeHash, type LinkComparison, type Problem, type ShareState } from './urlState';
import { PRESETS, runConfig, type RunId } from '../presets';
import type { Comparison } from '../store/comparisonSlice';
import { CHAPTERS, chapterIndex } from '../lesson/chapters';
import { NO_LESSON } from '../store/lessonSlice';

/** How often the hash is rewritten at most while training. */
const WRITE_MS = 300;

/**
 * Apply the link in `hash` to the store; called once, before the first render. A visit with no
 * link state opens on the lesson's welcome; a link to a chapter opens that chapter (set up from
 * scratch once the worker runs); a bad chapter number falls back to the welcome, and is named.
 */
export function applyLink(hash: string, browserLanguages: readonly string[]): void {
  const { state, problems } = parseHash(hash, detectLanguage(browserLanguages));
  const params = Array.from(new URLSearchParams(hash.replace(/^#/, '')));
  const LOOK = ['v', 'lang', 'theme', 'lesson'];
  if (state.lesson > 0) {
    // A chapter: it sets up its own network; any other setting in the link is named and ignored.
    const chapter = CHAPTERS[chapterIndex(state.lesson)]!;
    const ignored: Problem[] = params.filter(([key]) => !LOOK.includes(key)).map(([field, value]) => ({ field, kind: 'ignoredInLesson', value }));
    useStore.setState({
      language: state.language, theme: state.theme, linkProblems: [...problems, ...ignored], config: chapter.setup.config,
      lesson: { ...NO_LESSON, view: 'chapter', chapter: state.lesson },
    });
    return;
  }
  // No run in the link (at most its format, language and colour scheme), or a bad chapter: the welcome.
  const firstVisit = params.every(([key]) => LOOK.includes(key));
  const badChapter = problems.some((p) => p.field === 'lesson');
  if (firstVisit || badChapter) useStore.setState({ lesson: { ...NO_LESSON, view: 'welcome' } });
  if (firstVisit) {
    useStore.setState({ language: state.language, theme: state.theme, linkProblems: problems });
    return;
  }
  useStore.setState({
    config: state.config, language: state.language, theme: state.theme, embed: state.embed,
    example: state.example, linkProblems: problems,
    // The comparison trains in its own workers from the start, replayed from the seed like the run.
    ...(state.compare ? { comparison: comparisonOf(state.compare, state.config), reports: {} } : {}),
    linkTarget: state.step > 0 || state.t > 1 || state.unit > 0 || state.example > 0 ? { step: state.step, t: state.t, unit: state.unit } : null,
  });
}

export function shareState(s: Store): ShareState {
  // A chapter's link names the chapter (opening it sets the chapter up from scratch), as long as
  // what is on screen is still the chapter's own network; once the reader changes it, the whole state.
  const chapter = s.lesson.view === 'chapter' ? CHAPTERS[s.lesson.chapter - 1] : undefined;
  const lesson = chapter && !s.lesson.takenOver && s.config === chapter.setup.config ? s.lesson.chapter : 0;
  const config = linkConfig(s.config);
  // The user's sequences stay here: the linked run's probe has the task's length, and the cursor stays within it.
  const t = s.config.task === 'data' || s.ownProbe !== null ? Math.min(s.t, config.length) : s.t;
  return { config, step: s.step, example: s.example, t, unit: s.unit, language: s.language, theme: s.theme, embed: s.embed, lesson, compare: linkComparison(s, config) };
}

/** Shallow equality of two configs over every key either has (a missing key is undefined). */
function sameConfig(a: Store['config'], b: Store['config']): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof Store['config']>;
  return [...keys].every((k) => Object.is(a[k], b[k]));
}

/**
 * The comparison a link can carry: one of the panel's (a chapter's is set up by the chapter) whose
 * every run is the linked config's own, so that opening the link replays it exactly. After the
 * settings change, the comparison on screen is no longer this config's, and the link leaves it out.
 */
function linkComparison(s: Store, config: Store['config']): LinkComparison | null {
  const c = s.comparison;
  if (!c || c.owner !== 'panel' || c.runs.length === 0) return null;
  const steps = c.runs[0]!.steps;
  const own = c.runs.every((run) => run.steps === steps && (RUN_IDS as readonly string[]).includes(run.id) && sameConfig(run.config, runConfig(config, run.id as RunId)));
  return own ? { runs: c.runs.map((run) => run.id as RunId), steps, preset: c.preset } : null;
}

/** The comparison a link asks for, on the link's config (a preset is kept only where its runs, steps and setup are the link's). */
function comparisonOf(compare: LinkComparison, config: Store['config']): Comparison {
  const preset = PRESETS.find((p) => p.id === compare.preset);
  const presetHolds = preset !== undefined && preset.steps === compare.steps && preset.runs.join() === compare.runs.join() &&
    compare.runs.every((id) => sameConfig(runConfig(preset.config, id), runConfig(config, id)));
  return {
    runs: compare.runs.map((id) => ({ id, config: runConfig(config, id), steps: compare.steps })),
    preset: presetHolds ? preset.id : null, owner: 'panel',
  };
}

/** The config a link can carry: a run on the user's data opens as the same cell and settings on the sine task (the data stay here). */
function linkConfig(config: Store['config']): Store['config'] {
  if (config.task !== 'data') return config;
  const { data: _, ...rest } = config;
  return { ...rest, task: 'sine' };
}

/**
 * After the worker's first snapshot: redraw the link's probe, train to its step, then set
 * its cursor. Meanwhile, and ever after, keep the hash written from the page's state.
 */
/** A link's replay may take this long at the rate measured; a longer one stops and asks. */
export const MAX_REPLAY_S = 600;
/** The rate is measured over this long before the replay's length is judged. */
const REPLAY_MEASURE_MS = 3000;

export function useShareLink(): void {
  useEffect(() => {
    let started = false;
    let lastWrite = 0;
    let timer = 0;
    const write = () => {
      timer = 0;
      lastWrite = performance.now();
      const hash = writeHash(shareState(useStore.getState()));
      if (hash !== window.location.hash) window.history.replaceState(null, '', hash);
    };
    // A link to a chapter: set it up now that the worker runs.
    const { lesson, openChapter } = useStore.getState();
    // (Also when a setup is under way: in development React runs this twice, and the first worker is gone.)
    if (lesson.view === 'chapter' && lesson.readyAt === null) openChapter(lesson.chapter);
    let replayFrom = 0;
    const unsubscribe = useStore.subscribe((s, prev) => {
      const target = s.linkTarget;
      if (target) {
        if (!s.snapshot) return;
        if (!started) {
          started = true;
          replayFrom = performance.now();
          if (s.example > 0) s.send({ type: 'set-probe', seed: s.config.seed + 1 + s.example });
          if (target.step > 0) s.send({ type: 'play', until: target.step });
        }
        // A replay that would take too long at the rate measured (after a few seconds of it) stops and asks.
        const seconds = s.stepsPerSec > 0 ? (target.step - s.step) / s.stepsPerSec : 0;
        if (s.status === 'running' && !target.unbounded && performance.now() - replayFrom > REPLAY_MEASURE_MS && seconds > MAX_REPLAY_S) {
          s.send({ type: 'pause' });
          useStore.setState({
            linkTarget: null,
            replayRefused: { ...target, rate: s.stepsPerSec, seconds, reachable: Math.floor(s.step + s.stepsPerSec * MAX_REPLAY_S) },
          });
          return;
        }
        // Reached (or nothing to train): the cursor, clamped to the run's T and H, and done.
        if (s.step >= target.step && s.status !== 'running' && s.snapshot.T > 0) {
          useStore.setState({ linkTarget: null });
          s.setT(target.t);
          s.setUnit(target.unit);
        }
        return;
      }
      const changed =
        s.config !== prev.config || s.step !== prev.step || s.t !== prev.t || s.unit !== prev.unit || s.example !== prev.example ||
        s.language !== prev.language || s.theme !== prev.theme || s.embed !== prev.embed || s.lesson !== prev.lesson ||
        s.comparison !== prev.comparison;
      if (!changed || timer) return;
      timer = window.setTimeout(write, Math.max(0, WRITE_MS - (performance.now() - lastWrite)));
    });
    // A new link pasted into this tab (our own rewrites use replaceState, which fires no
    // hashchange): start again from it, as if it had been opened.
    const onHashChange = () => {
      if (window.location.hash.includes('=')) window.location.reload();
    };
    window.addEventListener('hashchange', onHashChange);
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
      window.removeEventListener('hashchange', onHashChange);
    };
  }, []);
}
