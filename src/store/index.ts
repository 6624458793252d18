/**
 * The app's one store, made of slices: the run configuration, the run status, the latest
 * snapshot from the worker, the cursor (time step, unit, hover) and the interface (language,
 * colour scheme, embed mode, shortcut overlay). Actions live beside
 * the state they change; commands to the worker go through the transport set by connect().
 */
import { create } from 'zustand';
import { detectLanguage, type Language } from '../i18n/language';
import type { Problem } from '../share/urlState';
import type { GradientCheck } from '../engine/gradcheck';
import type { RecurrentKind } from '../engine/spec';
import type { KernelKind } from '../engine/backend';
import { peepholeMarkFor, type PeepholeMark } from './peephole';
import { createComparisonSlice, type ComparisonSlice } from './comparisonSlice';
import { createLessonSlice, type LessonSlice } from './lessonSlice';
import { createWorkerSlice, NO_CONTROL, type WorkerControl, type WorkerSlice } from './workerSlice';
import { createOfflineSlice, type OfflineSlice } from './offlineSlice';
import { createSequencesSlice, type SequencesSlice } from './sequencesSlice';
import { createInterventionsSlice, type InterventionsSlice } from './interventionsSlice';
import { dataTooLarge } from '../share/dataMemory';
import { switchConflict } from '../engine/spec';
import { TUNABLE, type KernelProblem, type Command, type ErrorReason, type RunConfig, type RunStatus, type Snapshot, type WorkerEvent } from '../worker/protocol';

export const DEFAULT_CONFIG: RunConfig = {
  cell: 'lstm', peephole: false, resetAfter: false, forgetFixed: false, hidden: 8, window: 4,
  task: 'sine', length: 40, noise: 0, pulseDelay: 15, pulseWidth: 5,
  lr: 0.01, optimizer: 'adam', batch: 16, clip: 1, seed: 1, forgetBias: 1, recurrentScale: 1, chrono: 0, kernels: 'wasm',
};

export interface ConfigSlice {
  config: RunConfig;
  /** Change settings that need a fresh network (everything but the peephole switch). */
  configure: (patch: Partial<RunConfig>) => void;
  setPeephole: (on: boolean) => void;
  setForgetFixed: (on: boolean) => void;
  /** When the peepholes were last switched on (or the network made with them): the step, and p_* then (from the next snapshot). */
  peepholeMark: PeepholeMark;
}

export interface RunSlice {
  status: RunStatus;
  step: number;
  loss: number;
  stepsPerSec: number;
  error: { reason: ErrorReason; step: number; canRestore: boolean } | null;
  play: () => void;
  pause: () => void;
  stepOnce: () => void;
  reset: () => void;
  /** Back to the last good state after a divergence; with `halve`, at half the learning rate. */
  restoreLastGood: (halve?: boolean) => void;
  /** Draw another probe sequence (the example on display). */
  newExample: () => void;
  /** How many times the example was redrawn since the network was configured. */
  example: number;
}

/** The formats a model is exported in: Gatescope's file, a PyTorch state dict, a TF.js Layers model. */
export type ModelExport = 'gatescope' | 'pytorch' | 'tfjs';

export interface SnapshotSlice {
  /** The latest snapshot; views that redraw every frame read it through subscribe. */
  snapshot: Snapshot | null;
  /** The last gradient check (analytic against finite differences), or null. */
  gradientCheck: { results: readonly GradientCheck[]; step: number; ms: number } | null;
  checkGradients: () => void;
  /** Measured microseconds per training step of each cell, and the size they were measured at. */
  measured: { usPerStep: Readonly<Record<RecurrentKind, number>>; batch: number; length: number; hidden: number } | null;
  measureCost: () => void;
  /** The kernels training runs on, and why WASM SIMD could not run when it was asked for (null if it runs). */
  engine: { kernels: KernelKind; problem: KernelProblem | null } | null;
  /** The network's held-out loss ÷ baseline and the step it was scored at, or null. */
  evaluation: { step: number; ratio: number } | null;
  /** The last model file sent by the worker (JSON text and its training step), for download. */
  /** The model file the worker sent, and the format the user asked to save it in. */
  modelFile: { json: string; step: number; as: ModelExport } | null;
  modelExport: ModelExport;
  requestModel: (as?: ModelExport) => void;
  clearModelFile: () => void;
  /** Replace the model by a validated model file's weights, with the config that fits it. */
  loadModel: (config: RunConfig, model: unknown) => void;
}

export interface CursorSlice {
  /** The time step on display, 1-based as in the equations. */
  t: number;
  /** The selected hidden unit, 0-based. */
  unit: number;
  /** The node under the pointer in any diagram (highlighted in all of them), or null. */
  hover: string | null;
  setT: (t: number) => void;
  setUnit: (unit: number) => void;
  setHover: (node: string | null) => void;
}

export interface TransportSlice {
  /** The number of the last run the page asked for (configure, load-model), and of the latest snapshot and status received. */
  run: number;
  seen: { readonly snapshot: number; readonly status: number };
  send: (command: Command) => void;
  connect: (send: (command: Command) => void, control?: WorkerControl) => void;
  receive: (event: WorkerEvent) => void;
}

export type Theme = 'system' | 'light' | 'dark';

export interface UiSlice {
  /** The interface language. */
  language: Language;
  setLanguage: (language: Language) => void;
  /** The colour scheme: the system's, or chosen. */
  theme: Theme;
  setTheme: (theme: Theme) => void;
  /** Embed mode (for slides and posts): the views without the controls. */
  embed: boolean;
  setEmbed: (embed: boolean) => void;
  /** The keyboard shortcut overlay. */
  shortcutsOpen: boolean;
  setShortcutsOpen: (open: boolean) => void;
  /** What a shared link asked for that the run has yet to reach (training step, cursor), or null. */
  /** `unbounded`: the reader chose to train on to it however long it takes. */
  linkTarget: { step: number; t: number; unit: number; unbounded?: boolean } | null;
  setLinkTarget: (target: { step: number; t: number; unit: number; unbounded?: boolean } | null) => void;
  /** A link whose replay would take too long at the rate measured: stopped there, with what it asked for. */
  replayRefused: { step: number; t: number; unit: number; rate: number; seconds: number; reachable: number } | null;
  setReplayRefused: (r: UiSlice['replayRefused']) => void;
  /** The link's fields that were ignored (shown until dismissed). */
  linkProblems: readonly Problem[];
  setLinkProblems: (problems: readonly Problem[]) => void;
  /** Whether training settings changed during this run (a link replays the run with the final ones). */
  changedMidRun: boolean;
  /** Where the weights came from: the seed, or an imported model file (which no link can carry). */
  origin: 'seed' | 'import';
}

export type Store = ConfigSlice & RunSlice & SnapshotSlice & CursorSlice & TransportSlice & UiSlice & ComparisonSlice & LessonSlice & WorkerSlice & OfflineSlice & SequencesSlice & InterventionsSlice;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/**
 * While the cursor moves (a key held, a slider dragged) during training, a snapshot or a progress
 * report that arrives waits until the cursor has rested this long: drawing a large network's
 * snapshot takes the page longer than a frame, and the cursor should not wait for it. The latest of
 * each is shown then; only superseded ones are dropped.
 */
const SCRUB_MS = 150;

export const useStore = create<Store>()((set, get, api) => {
  /** Whether the run has trained (the status or a snapshot says so, whichever arrived first). */
  const trained = () => get().step > 0 || (get().snapshot?.step ?? 0) > 0;
  /** When the cursor last moved, and the snapshot and progress report held back meanwhile (see SCRUB_MS). */
  let cursorAt = Number.NEGATIVE_INFINITY;
  let held: WorkerEvent | null = null;
  let heldStatus: WorkerEvent | null = null;
  let heldTimer: ReturnType<typeof setTimeout> | null = null;
  const now = () => (typeof performance === 'undefined' ? Date.now() : performance.now());
  const releaseHeld = () => {
    heldTimer = null;
    const wait = cursorAt + SCRUB_MS - now();
    if (wait > 0) {
      heldTimer = setTimeout(releaseHeld, wait);
      return;
    }
    const events = [heldStatus, held];
    held = null;
    heldStatus = null;
    for (const event of events) if (event) get().receive(event);
  };
  /** A user's action takes over from a link being replayed: its target is dropped. */
  const takeOver = () => {
    if (get().linkTarget) set({ linkTarget: null });
    get().lessonTakeOver();
  };
  return {
    ...createComparisonSlice(set, get, api),
    ...createLessonSlice(set, get, api),
    ...createWorkerSlice(set, get, api),
    ...createOfflineSlice(set, get, api),
    ...createSequencesSlice(set, get, api),
    ...createInterventionsSlice(set, get, api),
    // config
    config: DEFAULT_CONFIG,
    configure: (patch) => {
      const merged = { ...get().config, ...patch };
      // The user's sequences go with the 'data' task only (another task leaves them behind).
      const { data: _, ...rest } = merged;
      const config: RunConfig = merged.task === 'data' ? merged : rest;
      // A run on the user's data that would not fit in the page's memory is not made (the controls cap batch and H; a new cell can still ask for more).
      const big = config.task === 'data' && config.data ? dataTooLarge(config.data.set, config) : null;
      set({ dataRefused: big && { ...big, batch: config.batch, hidden: config.hidden } });
      if (big) return;
      // Learning rate, clipping, optimiser and batch size change how training goes on; the
      // other settings make a new network.
      takeOver();
      if (Object.keys(patch).every((key) => (TUNABLE as readonly string[]).includes(key))) {
        set({ config, changedMidRun: get().changedMidRun || trained() });
        get().send({ type: 'tune', config });
        return;
      }
      const run = get().run + 1;
      set({ config, error: null, example: 0, changedMidRun: false, origin: 'seed', peepholeMark: peepholeMarkFor(config), run, recovered: null, ownProbe: null, interventions: [], interventionBase: null });
      if (get().workerFault) {
        set({ workerFault: null, status: 'idle' });
        get().control.restart(true);
        return;
      }
      get().send({ type: 'configure', config, run });
    },
    setPeephole: (on) => {
      takeOver();
      set({
        config: { ...get().config, peephole: on }, changedMidRun: get().changedMidRun || trained(),
        peepholeMark: on ? { step: get().step, p: null } : null,
      });
      get().send({ type: 'set-peephole', on });
    },
    peepholeMark: null,
    setForgetFixed: (on) => {
      // CIFG makes f from i (f = 1 − i): it has no forget gate of its own to fix (the switch is disabled).
      if (switchConflict({ forgetFixed: on, change: get().config.change })) return;
      takeOver();
      set({ config: { ...get().config, forgetFixed: on }, changedMidRun: get().changedMidRun || trained() });
      get().send({ type: 'set-forget-fixed', on });
    },
    // run
    status: 'idle',
    step: 0,
    loss: Number.NaN,
    stepsPerSec: 0,
    error: null,
    play: () => {
      takeOver();
      get().send({ type: 'play' });
    },
    pause: () => {
      takeOver();
      get().send({ type: 'pause' });
    },
    stepOnce: () => {
      takeOver();
      get().send({ type: 'step' });
    },
    reset: () => {
      takeOver();
      if (get().workerFault) {
        // The worker is gone: a new one, from the seed (without interventions).
        set({ workerFault: null, recovered: null, error: null, changedMidRun: false, status: 'idle', ownProbe: null, interventions: [], interventionBase: null });
        get().control.restart(true);
        return;
      }
      set({ error: null, changedMidRun: false });
      get().send({ type: 'reset' });
    },
    restoreLastGood: (halve = false) => {
      takeOver();
      set({ error: null, changedMidRun: true });
      get().send({ type: 'restore-last-good' });
      if (halve) {
        const config = { ...get().config, lr: get().config.lr / 2 };
        set({ config });
        get().send({ type: 'tune', config });
      }
    },
    example: 0,
    newExample: () => {
      takeOver();
      const example = get().example + 1;
      set({ example, ownProbe: null });
      // The worker starts from example seed + 1; each redraw takes the next seed, so it is reproducible.
      get().send({ type: 'set-probe', seed: get().config.seed + 1 + example });
    },
    // snapshot
    snapshot: null,
    gradientCheck: null,
    measured: null,
    measureCost: () => {
      set({ measured: null });
      get().send({ type: 'measure-cost' });
    },
    engine: null,
    evaluation: null,
    modelFile: null,
    modelExport: 'gatescope',
    requestModel: (as = 'gatescope') => {
      set({ modelExport: as });
      get().send({ type: 'export-model' });
    },
    clearModelFile: () => set({ modelFile: null }),
    loadModel: (config, model) => {
      takeOver();
      const run = get().run + 1;
      set({
        config, error: null, example: 0, changedMidRun: false, gradientCheck: null, origin: 'import', peepholeMark: peepholeMarkFor(config), run,
        ownProbe: null, importedModel: model, pendingModel: null, interventions: [], interventionBase: null,
      });
      get().send({ type: 'load-model', config, model, run });
    },
    checkGradients: () => {
      set({ gradientCheck: null });
      get().send({ type: 'check-gradients' });
    },
    // cursor
    t: 1,
    unit: 0,
    hover: null,
    setHover: (hover) => set({ hover }),
    setT: (t) => {
      const T = get().snapshot?.T ?? 1;
      cursorAt = now();
      set({ t: clamp(Math.round(t), 1, T) });
    },
    setUnit: (unit) => {
      const H = get().snapshot?.H ?? 1;
      cursorAt = now();
      set({ unit: clamp(Math.round(unit), 0, H - 1) });
    },
    // ui
    language: detectLanguage(typeof navigator === 'undefined' ? [] : navigator.languages),
    setLanguage: (language) => set({ language }),
    theme: 'system',
    setTheme: (theme) => set({ theme }),
    embed: false,
    setEmbed: (embed) => set({ embed }),
    shortcutsOpen: false,
    setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
    linkTarget: null,
    setLinkTarget: (linkTarget) => set({ linkTarget }),
    replayRefused: null,
    setReplayRefused: (replayRefused) => set({ replayRefused }),
    linkProblems: [],
    setLinkProblems: (linkProblems) => set({ linkProblems }),
    changedMidRun: false,
    origin: 'seed',
    // transport
    run: 0,
    seen: { snapshot: 0, status: 0 },
    send: () => {},
    connect: (send, control) => set({ send, control: control ?? NO_CONTROL }),
    receive: (event) => {
      const progress = event.type === 'snapshot' || (event.type === 'status' && event.status === 'running');
      if (progress && get().status === 'running' && now() - cursorAt < SCRUB_MS) {
        // The cursor is moving: this waits (a later one of its kind replaces it) until it rests.
        if (event.type === 'snapshot') held = event;
        else heldStatus = event;
        heldTimer ??= setTimeout(releaseHeld, cursorAt + SCRUB_MS - now());
        return;
      }
      // A newer snapshot, or a change of status (paused, a new run), makes what was held stale.
      if (event.type === 'snapshot' || event.type === 'status') held = null;
      if (event.type === 'status') heldStatus = null;
      handle(event);
      get().lessonProgress();
    },
  };

  function handle(event: WorkerEvent): void {
    switch (event.type) {
      case 'snapshot': {
        const { T, H } = event.snapshot;
        const { t, unit, peepholeMark: mark, seen } = get();
        set({ snapshot: event.snapshot, t: clamp(t, 1, T), unit: clamp(unit, 0, H - 1), seen: { ...seen, snapshot: event.run } });
        // The first snapshot after the peepholes came on holds their values at the switch.
        if (mark && mark.p === null && event.snapshot.peephole) set({ peepholeMark: { step: event.snapshot.step, p: event.snapshot.peep.slice() } });
        // Trained with the gate lab's interventions on: a link (which does not carry them) replays other numbers.
        const base = get().interventionBase;
        if (!get().changedMidRun && base && event.snapshot.interventions.length > 0 && event.snapshot.step > base.step) set({ changedMidRun: true });
        return;
      }
      case 'status':
        set({ status: event.status, step: event.step, loss: event.loss, stepsPerSec: event.stepsPerSec, seen: { ...get().seen, status: event.run } });
        return;
      case 'error':
        set({ status: 'error', error: { reason: event.reason, step: event.step, canRestore: event.canRestore }, linkTarget: null });
        return;
      case 'engine':
        if (event.run === get().run) set({ engine: { kernels: event.kernels, problem: event.problem } });
        return;
      case 'cost':
        set({ measured: { usPerStep: event.usPerStep, batch: event.batch, length: event.length, hidden: event.hidden } });
        return;
      case 'evaluation':
        set({ evaluation: { step: event.step, ratio: event.ratio } });
        return;
      case 'model':
        set({ modelFile: { json: event.json, step: event.step, as: get().modelExport } });
        return;
      case 'gradient-check':
        set({ gradientCheck: { results: event.results, step: event.step, ms: event.ms } });
        return;
    }
  }
});

// Selectors, at module scope so that their identity is stable.
export const selectConfig = (s: Store) => s.config;
export const selectSnapshot = (s: Store) => s.snapshot;
export const selectCursor = (s: Store) => ({ t: s.t, unit: s.unit });
export const selectRun = (s: Store) => ({ status: s.status, step: s.step, loss: s.loss, stepsPerSec: s.stepsPerSec });
export const selectActions = (s: Store) => ({
  play: s.play, pause: s.pause, stepOnce: s.stepOnce, reset: s.reset, restoreLastGood: s.restoreLastGood,
  configure: s.configure, setPeephole: s.setPeephole, setForgetFixed: s.setForgetFixed, setT: s.setT, setUnit: s.setUnit,
});
export const selectError = (s: Store) => s.error;
