/**
 * Every word of the interface in English. The Japanese file has the same shape (the type
 * checker refuses a missing or extra entry). Texts that take values are functions; numbers
 * arrive already formatted for the locale.
 */
import type { CellKind } from '../engine/spec';
import type { PresetId } from '../presets';
import { problemText, type Problem } from '../engine/validate';
import { formatProblemText, type FormatProblem } from '../engine/formats/problems';
import { sequenceProblemText, type SequenceProblem } from '../engine/sequenceProblems';
import { lessonEn } from './lessonEn';

type NodeTitles = Readonly<Record<string, string>>;

export const en = {
  language: { name: 'English', switchLabel: 'Language' },
  /** The lesson: welcome, navigation, chapters (src/i18n/lessonEn.ts). */
  lesson: lessonEn,
  /** The engine's validation problems, worded (the engine's own English). */
  validation: problemText as (p: Problem) => string,
  /** What stops a model of another framework being read or written, worded (the engine's own English). */
  formatProblem: formatProblemText as (p: FormatProblem) => string,
  /** What is wrong with a file of the user's sequences, worded (the engine's own English). */
  sequenceProblem: sequenceProblemText as (p: SequenceProblem) => string,
  /** Joining texts: between sentences, between list items, and between two full sentences. */
  punct: { sentence: '. ', list: '; ', space: ' ' },
  app: {
    tagline: 'Inside a recurrent network, every number computed live.',
    skipToViews: 'Skip to the views',
    theme: { label: 'Colour scheme', system: 'System', light: 'Light', dark: 'Dark' },
    shortcutsButton: 'Keyboard shortcuts',
    viewsError: (message: string) => `The views could not be drawn: ${message}`,
    drawAgain: 'Draw again',
  },
  cells: { fnn: 'FNN', rnn: 'RNN', lstm: 'LSTM', gru: 'GRU' } satisfies Record<CellKind, string>,
  status: {
    region: 'Training status',
    words: { idle: 'starting', running: 'training', paused: 'paused', error: 'stopped' },
    workerDown: 'worker stopped',
    step: 'step',
    loss: 'loss',
    stepsPerSec: 'steps/s',
  },
  errors: {
    banner: (why: string) => `Training stopped: ${why}.`,
    diverged: (what: string, step: string) => `${what} at step ${step}: training diverged`,
    weightsNotFinite: 'the weights stopped being finite',
    lossBecame: (loss: string) => `the loss became ${loss}`,
    crashed: (detail: string) => `the worker stopped: ${detail}`,
    reset: 'Reset',
    restore: 'Restore last good state',
    restoreAt: (step: string) => `Restore the last good state (step ${step})`,
    restoreHalf: (step: string, lr: string) => `Restore step ${step} with half the learning rate (${lr})`,
    grew: (goodStep: string, goodLoss: string, lastStep: string, lastLoss: string, factor: string, steps: string) =>
      `The batch loss was ${goodLoss} at step ${goodStep}, the last good state, and ${lastLoss} at step ${lastStep}: ${factor} times as large ${steps} steps later.`,
    grewFromStart: (lastStep: string, lastLoss: string) =>
      `The last good state is the start (step 0); the batch loss was ${lastLoss} at step ${lastStep}, its last finite value.`,
    again: 'Restoring at the same learning rate often diverges again at about the same step.',
  },
  faults: {
    unresponsive: (step: string) => `The training worker stopped responding at step ${step}.`,
    'not-started': 'The training worker did not start: its script has not arrived. On a slow network it may still come, and the page then goes on by itself.',
    'load-failed': 'The training worker’s script could not be loaded.',
    crashed: (step: string) => `The training worker failed at step ${step}.`,
    said: (detail: string) => `It said: “${detail}”.`,
    restartFrom: (step: string) => `Restart from step ${step}`,
    restartFresh: 'Restart',
    keeps: (step: string, lost: string) => `Restart carries the run on from its last checkpoint, step ${step}; ${lost} steps after it are lost.`,
    repeated: 'It failed again right after restarting, so it is not restarted again. Reset starts the run afresh from its seed.',
    recovered: (step: string, lost: string) => `Restarted from the checkpoint at step ${step}: ${lost} steps were lost.`,
    recoveredNone: (step: string) => `Restarted from the checkpoint at step ${step}: no step was lost.`,
    dismiss: 'Dismiss',
  },
  offline: {
    ready: 'Gatescope is now stored in this browser: it opens and trains without a network from here on.',
    update: 'A new version of Gatescope is available.',
    updateHow: 'Reload to use it: the page opens this run again from its link. Until then this version keeps running.',
    reload: 'Reload',
    later: 'Later',
    dismiss: 'Dismiss',
  },
  run: { play: 'Play', pause: 'Pause', step: 'Step', reset: 'Reset' },
  settings: {
    region: 'Settings',
    network: 'Network',
    cellType: 'Cell type',
    peepholes: 'Peephole connections',
    lstmOnly: 'LSTM only',
    forgetFixed: 'Forget gate fixed at 1 (the 1997 LSTM)',
    cifgNoFix: 'CIFG makes f from i (f = 1 − i): there is no forget gate of its own to fix',
    variant: 'Variant (Greff et al. 2017)',
    variants: {
      V: 'V: vanilla (forget gate and peepholes)',
      NIG: 'NIG: no input gate (i = 1)',
      NFG: 'NFG: no forget gate (f = 1)',
      NOG: 'NOG: no output gate (o = 1)',
      NIAF: 'NIAF: no input activation (g linear)',
      NOAF: 'NOAF: no output activation (h = o⊙c)',
      NP: 'NP: no peepholes (the basic LSTM)',
      CIFG: 'CIFG: input and forget gate coupled (f = 1 − i)',
      FGR: 'FGR: full gate recurrence',
      other: 'another combination',
    },
    resetAfter: 'Reset after (cuDNN)',
    hidden: 'Hidden size',
    window: 'Window k (steps the FNN sees)',
    recurrentScale: 'Recurrent weight scale',
    forgetBias: 'Forget-gate bias',
    chrono: 'Chrono initialisation (Tallec & Ollivier)',
    chronoLstm: 'b_f = log U[1, T_max − 1] and b_i = −b_f: each unit starts with a memory of its own time scale, up to T_max steps.',
    chronoGru: 'b_z = log U[1, T_max − 1]: each unit starts keeping its state for a time scale of its own, up to T_max steps.',
    chronoMax: 'T_max (the longest delay to remember)',
    taskHeading: 'Task',
    task: 'Task',
    tasks: { sine: 'Sine wave (next step)', 'remember-first': 'Remember the first input', adding: 'Adding problem', 'timed-pulse': 'Timed pulse', data: 'Your data' },
    pulseDelay: 'Pulse delay (steps after the trigger)',
    pulseWidth: 'Pulse width (steps)',
    delay: 'Delay (steps to remember)',
    length: 'Sequence length',
    noise: 'Noise',
    training: 'Training',
    lr: 'Learning rate',
    optimizer: 'Optimiser',
    optimizers: { adam: 'Adam', sgd: 'SGD with momentum' },
    batch: 'Batch size',
    clip: 'Gradient clip',
    seed: 'Seed',
  },
  field: {
    notANumber: (label: string, text: string) => `${label}: “${text}” is not a number.`,
    notDecimal: (label: string, text: string) => `${label}: write “${text}” in decimal, as 16, 0.5 or 1e-4.`,
    wholeNumber: (label: string) => `${label}: use a whole number.`,
    range: (label: string, min: string, max: string) => `${label}: choose a value from ${min} to ${max}.`,
  },
  time: {
    play: 'Play through time',
    stop: 'Stop',
    speed: 'Animation speed',
    speedOption: (v: string) => `${v} steps/s`,
    previous: 'Previous step',
    next: 'Next step',
    slider: 'Time step',
    sliderValue: (t: string, T: string) => `t = ${t} of ${T}`,
    unit: 'Selected unit',
    of: (H: string) => `of ${H} hidden units`,
  },
  rolled: {
    region: 'Rolled cell diagram',
    heading: (cell: string) => `${cell} cell`,
    cursor: (t: string, unit: string) => `t = ${t}, unit ${unit}`,
    summary: (cell: string, t: string, unit: string) => `${cell} cell at time step ${t}, unit ${unit}`,
    /** The FNN's window: k steps, the oldest at t − before (null when k = 1). */
    windowLabel: (k: string, before: string | null) =>
      before === null ? 'window k = 1: only x(t), no loop' : `window k = ${k}: x(t) and x(t−1) … x(t−${before}), no loop`,
    /** The name beside each × (the gate it is), the same in the rolled and the unrolled diagram. */
    gates: {
      input: 'input gate', forget: 'forget gate', output: 'output gate',
      keep: 'update gate (keep z)', replace: 'update gate (1 − z)', reset: 'reset gate',
    },
    /** The caption under each σ, in two lines: the gate it controls. */
    controllers: {
      i: ['input gate', 'controller'], f: ['forget gate', 'controller'], o: ['output gate', 'controller'],
      z: ['update gate', 'controller'], r: ['reset gate', 'controller'],
    } as Readonly<Record<string, readonly [string, string]>>,
    /** The caption under each σ on a phone, where two lines would be too small to read. */
    controllerShort: 'controller',
    nodes: {
      lstm: {
        x: 'input x(t)', f: 'forget gate controller', g: 'input neuron', i: 'input gate controller',
        o: 'output gate controller', c: 'cell state (constant error carousel)', h: 'output h(t)', y: 'readout y(t)',
      } as NodeTitles,
      gru: { x: 'input x(t)', z: 'update gate controller', r: 'reset gate controller', g: 'candidate neuron', h: 'state h(t)', y: 'readout y(t)' } as NodeTitles,
      rnn: { x: 'input x(t)', h: 'tanh neuron, state h(t)', y: 'readout y(t)' } as NodeTitles,
      fnn: { x: 'input window x(t) … x(t−k+1)', h: 'tanh neuron h(t), no loop', y: 'readout y(t)' } as NodeTitles,
    } satisfies Record<CellKind, NodeTitles>,
    legend: 'Colour legend: purple −1, white 0, orange +1; solid lines this step, dashed lines from step t−1',
    legendThisStep: 'this step',
    variantNote: {
      NFG: 'This is the 1997 LSTM (NFG): the forget gate is taken out and holds 1 (dashed), so c keeps everything added to it.',
      NIG: 'Variant NIG: the input gate is taken out and holds 1 (dashed): all of the new content g goes into c.',
      NOG: 'Variant NOG: the output gate is taken out and holds 1 (dashed): h is tanh(c) at every step.',
      NIAF: 'Variant NIAF: g has no tanh; it is its weighted sum itself, so c can grow without bound.',
      NOAF: 'Variant NOAF: the tanh between c and the output gate is taken out (dashed): h = o⊙c.',
      CIFG: 'Variant CIFG: the forget gate is made from the input gate, f = 1 − i (the coloured link), as the GRU does with z and 1 − z.',
      FGR: 'Variant FGR: each controller (i, f, o) also receives the values of all three at the step before, through nine more matrices R (the loops beside them).',
    },
    stripsNote: 'Each node shows one hidden unit, the selected one (choose it above, or with ↑ ↓). The strip under each neuron, and inside c and h, shows that node in every unit at this step; the selected unit is outlined in black. Click a cell of a strip to select that unit.',
    inputsNote: 'With two inputs (the adding problem), x shows both: the value · the marker (1 on the two steps to add).',
    legendPrevious: 'from step t−1',
  },
  /** The keys of the colour scales: what each measures and its range. */
  legends: {
    value: 'value at this step',
    valueName: 'Colour scale of the values: purple −1, white 0, orange +1 (gates run from 0 to 1)',
    gradient: (what: string) => `|∂L/∂${what}|, log scale`,
    gradientName: (what: string, low: string, high: string) => `Colour scale of |∂L/∂${what}| on a log scale: dark ${low} or less, yellow ${high}`,
    stepNorm: '‖∂L/∂h(t)‖, log scale',
    stepNormName: (low: string, high: string) => `Colour scale of the gradient history, ‖∂L/∂h(t)‖ on a log scale: dark ${low}, yellow ${high}`,
  },
  loss: {
    region: 'Loss chart',
    heading: 'Training loss',
    logScale: 'Log scale',
    summary: (loss: string, step: string) => `Loss ${loss} at step ${step}`,
    none: 'No training yet',
    pressPlay: 'Press Play to train',
  },
  prediction: {
    before: 'y before the interventions',
    region: 'Prediction and target',
    heading: 'Output y and target',
    target: 'target',
    summary: (y: string, t: string) => `Output ${y} against target at step ${t}`,
    probe: 'The example shown: one input sequence, drawn in every view.',
    newExample: 'New example',
  },
  unrolled: {
    region: 'Unrolled diagram',
    heading: 'Unrolled in time',
    window: (first: string, last: string, T: string, unit: string) => `steps ${first}–${last} of ${T}, unit ${unit}`,
    backward: 'Backward pass',
    playBackward: 'Play backward',
    stop: 'Stop',
    backwardNote: (unit: string, decades: string, lstm: boolean) =>
      `Backward pass: line widths and colours show |∂L/∂·| of unit ${unit} flowing back (log scale, ${decades} decades); ` +
      (lstm ? 'the top line is the path along the cell state c, the bottom one the path through h.' : 'the state line carries ∂L/∂h back.'),
    summary: (first: string, last: string, cell: string, unit: string) => `Steps ${first} to ${last} of the unrolled ${cell}, unit ${unit}`,
    nodeAt: (node: string, t: string, value: string) => `${node} at t = ${t}: ${value}`,
    /** Short names of the gates beside their × in the narrow columns (the full name is the tooltip). */
    gates: { input: 'input', forget: 'forget', output: 'output', keep: 'keep z', replace: '1 − z', reset: 'reset' },
    clickStep: 'Click a step to move the cursor there',
    windowBefore: (n: string) => `← and ${n} more input(s) before these`,
  },
  gradient: {
    region: 'Gradient over time',
    heading: 'Gradient over time',
    tooFew: (name: string) => `${name}: too few steps to fit`,
    fit: (name: string, factor: string, from: string, to: string) => `${name}: ×${factor} per step back (fitted over steps ${from}–${to})`,
    summary: (fits: string) => `Gradient norms over time. ${fits}`,
    history: 'Gradient history: log ‖∂L/∂h(t)‖ by training step (rows, top to bottom) and time step (columns)',
    historySpan: (from: string, to: string) => `— steps ${from} to ${to}`,
    historyLabel: 'Gradient history: rows are training steps, columns are time steps, colour is the log of the gradient norm',
  },
  heatmaps: {
    region: 'Heatmaps',
    heading: 'Units × time',
    explain: 'rows: units, columns: steps of the example shown; click to move the cursor',
    gates: {
      lstm: { i: 'input gate i', f: 'forget gate f', g: 'input neuron g', o: 'output gate o' } as NodeTitles,
      gru: { z: 'update gate z', r: 'reset gate r', g: 'candidate g' } as NodeTitles,
      rnn: {} as NodeTitles,
      fnn: {} as NodeTitles,
    } satisfies Record<CellKind, NodeTitles>,
    cellState: 'cell state c',
    outputH: 'output h',
    stateH: 'state h',
    magnitude: (what: string, decades: string) => `|∂L/∂${what}| (log, ${decades} decades)`,
    unitsByTime: (label: string) => `${label}: units by time`,
  },
  lab: {
    region: 'Gate lab',
    heading: 'Gate lab: take a part out and see what breaks',
    intro: 'Hold a gate at a value, or silence a unit: every view shows the example at once as the network now computes it, and training can go on with it. The gradients stay exact for the network as changed: a held gate passes no gradient into its own weights. Click a gate in the cell diagram to choose it here.',
    noFnn: 'The FNN has no gates to hold and no recurrent unit to silence.',
    gate: 'Gate',
    units: 'For',
    unitN: (n: string) => `unit ${n}`,
    allUnits: 'all units',
    slider: (gate: string) => `Value to hold ${gate} at`,
    value: (gate: string, min: string, max: string) => `${gate} held at (${min} to ${max})`,
    hold: 'Hold',
    silence: (n: string) => `Silence unit ${n}`,
    listLabel: 'Interventions on the network',
    heldOne: (gate: string, n: string, value: string) => `${gate} of unit ${n} held at ${value}`,
    heldAll: (gate: string, value: string) => `${gate} of every unit held at ${value}`,
    silenced: (n: string) => `unit ${n} silenced (c = 0, h = 0)`,
    undo: 'Undo',
    undoOne: (what: string) => `Undo: ${what}`,
    undoAll: 'Undo all',
    effect: (before: string, step: string, now: string) => `Loss on the example: ${before} before (step ${step}), ${now} now.`,
    waiting: 'Recomputing the example…',
  },
  check: {
    region: 'Gradient check',
    heading: 'Are the gradients right?',
    button: 'Check gradients',
    explain: 'Compares every gradient the engine computes on the example shown with a finite difference of the loss (in float64, up to 24 elements per matrix).',
    agree: '✓ All gradients agree',
    disagree: '✗ Some gradients disagree',
    worst: (verdict: string, error: string, step: string, ms: string) => `${verdict}: largest relative error ${error} at step ${step} (${ms} ms).`,
    weight: 'weight',
    elements: 'elements',
    largest: 'largest relative error',
  },
  cost: {
    region: 'Cost',
    heading: (H: string, I: string, O: string) => `Cost at H = ${H}, I = ${I}, O = ${O}`,
    measure: 'Measure speed',
    cell: 'cell',
    params: 'parameters',
    forward: 'FLOPs per step, forward',
    backward: 'backward',
    us: (B: string, T: string) => `µs per training step (B = ${B}, T = ${T})`,
    ofLstm: (pct: string) => `(${pct}% of LSTM)`,
    explain: 'Counts follow the equations (a multiply–add is two operations); speeds are this engine in your browser, pausing training while it measures.',
    engine: 'Kernels',
    engineWasm: 'WebAssembly SIMD',
    engineJs: 'JavaScript',
    engineRestarts: 'Changing the kernels starts the run again from its seed.',
    runsWasm: 'Training runs on the WebAssembly SIMD kernels (float32, four numbers per instruction).',
    runsJs: 'Training runs on the JavaScript kernels, as chosen: the reference, several times slower.',
    fallback: (reason: string) => `WebAssembly SIMD cannot run here: ${reason}. Training runs on the JavaScript kernels instead, several times slower, and its numbers can differ from a WebAssembly run in the last digits.`,
    problems: {
      'no-wasm': 'this browser has no WebAssembly',
      'no-simd': 'this browser’s WebAssembly has no SIMD',
      blocked: 'the page’s security policy (CSP) does not allow compiling WebAssembly',
      failed: 'the WebAssembly kernels failed to start',
    },
  },
  compare: {
    variantShort: {
      V: 'V (vanilla)', NIG: 'NIG (i = 1)', NFG: 'NFG (f = 1)', NOG: 'NOG (o = 1)', NIAF: 'NIAF (g linear)',
      NOAF: 'NOAF (h = o⊙c)', NP: 'NP (no peepholes)', CIFG: 'CIFG (f = 1 − i)', FGR: 'FGR (gates recurrent)',
    },
    takeApart: 'Take the LSTM apart',
    takeApartHint: 'Train the nine LSTM variants of Greff et al. (2017) side by side on this task and seed',
    region: 'Comparison',
    heading: 'Compare cells on this task',
    withPeepholes: 'with LSTM + peepholes',
    steps: 'Steps',
    start: 'Compare cells',
    stop: 'Stop comparing',
    intro:
      'The same task, seed, hidden size and optimiser for every cell, trained side by side in two workers, then scored on 256 held-out sequences. Or pick a preset, which sets up the task and trains at once:',
    presets: 'Presets',
    cell: 'Cell',
    step: 'Step',
    trainingLoss: 'Training loss',
    heldOut: 'Held-out loss ÷ baseline',
    ratioStart: 'at start',
    ratioTrained: '… after training',
    decay: 'Gradient per step back (example shown)',
    diverged: 'diverged',
    failed: 'worker stopped',
    below: (v: string) => `below ${v}`,
    above: (v: string) => `above ${v}`,
    expected: (bound: string) => `expected ${bound}`,
    claimHolds: (bound: string) => `as claimed: ${bound}`,
    claimFails: (bound: string) => `not as claimed: expected ${bound}`,
    power: (exponent: string) => `10 to the power ${exponent}`,
    footnote:
      'Baseline: always predicting the mean target (1 = nothing learnt). The gradient ratio is a geometric mean over 64 held-out sequences; 10⁻¹⁰ means the first step receives a ten-billionth of the error the last step gets.',
    lossCaption: 'Training loss',
    gradCaption: '‖∂L/∂h(t)‖ on the example shown, by time step',
    lossLabel: 'Loss curves of the compared cells',
    gradLabel: 'Gradient norms over time of the compared cells',
    floorNote: (floor: string) => `dashed line at ${floor}: smaller values, and 0, are drawn on it`,
    lstmPeephole: 'LSTM + peepholes',
  },
  shortcuts: {
    title: 'Keyboard shortcuts',
    close: 'Close',
    keys: [
      ['Space', 'Play or pause training'],
      ['← →', 'Previous or next time step'],
      ['Home End', 'First or last time step'],
      ['↑ ↓', 'Previous or next unit'],
      ['P', 'Peephole connections on or off (LSTM)'],
      ['?', 'Show this list'],
      ['Esc', 'Close this list'],
    ] as readonly (readonly [string, string])[],
    note: 'The keys act anywhere on the page except while you type in a field, and inside the equations, where ← → step through the terms. After you reach a button or a link with Tab, Space presses it; after a click, Space plays and pauses.',
  },
  sequences: {
    heading: 'Your sequences',
    intro: 'Show a sequence of your own on the network, or train on a set of them. CSV: one row per step; a header row names the columns: target or y (y1, target_2, …) for targets, seq or id for the sequence id, any other name for an input; an empty target row is a step without a target. JSON: rows, {"inputs", "targets"}, or {"sequences": [...]}.',
    choose: 'Choose a file…',
    dropHere: 'Drop a CSV or JSON file here',
    paste: 'Paste a sequence or a set',
    read: 'Read the pasted text',
    pasted: 'the pasted text',
    targetsFile: 'Targets from another file…',
    summary: (name: string, sequences: string, steps: string, inputs: string, targets: string) =>
      `${name}: ${sequences}, ${steps}; inputs ${inputs}; targets ${targets}.`,
    oneSequence: 'one sequence',
    manySequences: (n: string) => `${n} sequences`,
    stepsRange: (lo: string, hi: string) => (lo === hi ? `${hi} steps` : `${lo}–${hi} steps`),
    noTargets: 'none',
    readFailed: (name: string, why: string) => `${name} was not read, nothing changed: ${why}.`,
    notText: 'the file is not UTF-8 text',
    targetsFailed: (name: string, why: string) => `The targets in ${name} were not added: ${why}.`,
    whichSequence: 'Sequence',
    show: 'Show on the network',
    train: 'Train on these',
    loss: 'Loss',
    losses: { mse: 'Mean squared error', ce: 'Cross-entropy (one class per step)' },
    ceNeedsClasses: 'Cross-entropy needs target rows that are class distributions (one-hot).',
    refused: (why: string) => `Not done: ${why}.`,
    showing: (id: string, T: string, name: string) => `The network shows your sequence ${id} (${T} steps) from ${name}.`,
    backToExamples: 'Back to the task’s examples',
    trainingOn: (name: string, train: string, held: string) => `Training on ${name}: ${train} sequences trained on, ${held} held out for the score.`,
    trainingShared: (name: string) => `Training on ${name}: its one sequence is trained on and scored; nothing is held out.`,
    viewOnly: 'These sequences have no targets: they can be shown on the network, not trained on.',
    waiting: (name: string, inputs: string, outputs: string) =>
      `${name} takes ${inputs} inputs and gives ${outputs} outputs per step, a shape none of the tasks has. Bring sequences of that shape here to run it.`,
    tooLong: (steps: string, batch: string, hidden: string, mib: string, max: string) =>
      `the longest sequence has ${steps} steps: at batch ${batch} and H = ${hidden}, training needs about ${mib} MiB, more than the ${max} MiB the page allows (lower the batch size or the hidden size)`,
    score: 'Score the held-out sequences',
    scored: (ratio: string, step: string) => `Held-out loss ÷ baseline (predicting the training targets’ mean): ${ratio}, at step ${step}.`,
    noScore: 'No held-out step has a target, so there is no score.',
    linkNote: 'A link cannot carry your sequences.',
  },
  share: {
    copy: 'Copy link',
    copied: 'Link copied: it opens this run at this step, unit and time.',
    copyFailed: 'The link could not be copied; the address bar holds it.',
    interventions: 'The gate lab’s interventions are not carried by a link yet: it opens the run without them.',
    changedMidRun: 'Settings changed during this run: the link trains with the current ones from the start, so its numbers can differ.',
    importedModel: 'This model was imported: a link cannot carry its weights, so it replays a fresh run from the seed instead.',
    ownData: 'This run trains on your own sequences: a link cannot carry them, so it opens the same cell and settings on the sine task instead.',
    ownProbe: 'The sequence on display is your own: a link cannot carry it, so it shows the task’s example instead.',
    ignored: (fields: string) => `Some settings in the link were ignored and their defaults used: ${fields}.`,
    andMore: (n: string) => `, and ${n} more`,
    reason: {
      notANumber: (field: string, value: string) => `${field} (“${value}” is not a number)`,
      notDecimal: (field: string, value: string) => `${field} (“${value}” is not written in decimal, as 16, 0.5 or 1e-4)`,
      outOfRange: (field: string, value: string, min: string, max: string) => `${field} (${value} is outside ${min}–${max})`,
      notWhole: (field: string, value: string) => `${field} (${value} is not a whole number)`,
      unknownValue: (field: string, value: string) => `${field} (“${value}” is not one of its values)`,
      unknownField: (field: string) => `${field} (not a setting)`,
      notForCell: (field: string, cell: string) => `${field} (the ${cell} has no such setting)`,
      conflicts: (field: string, other: string) => `${field} (cannot go with ${other}: CIFG makes the forget gate from the input gate, f = 1 − i)`,
      ignoredInLesson: (field: string) => `${field} (a chapter of the lesson sets up its own network)`,
    },
    dismiss: 'Dismiss',
    reaching: (target: string) => `Training to step ${target} to reproduce the link:`,
    progress: (done: string, pct: string) => `${done} done (${pct} %),`,
    rate: (rate: string, left: string) => `${rate} steps/s, about ${left} left.`,
    hours: (n: string) => `${n} h`,
    minutes: (n: string) => `${n} min`,
    seconds: (n: string) => `${n} s`,
    cancel: 'Cancel',
    tooLong: (target: string, rate: string, time: string, now: string) =>
      `The link asks for step ${target}: at the ${rate} steps/s measured here that takes about ${time}, more than the 10 minutes a link may take. Training stopped at step ${now}.`,
    trainTo: (step: string) => `Open at step ${step} (10 minutes)`,
    trainAnyway: (step: string) => `Train on to step ${step}`,
    embedOpen: 'Open in Gatescope',
  },
  exporting: {
    svg: 'SVG',
    png: 'PNG',
    asSvg: (what: string) => `Export ${what} as SVG`,
    failed: (detail: string) => `The image could not be made: ${detail}`,
    asPng: (what: string) => `Export ${what} as PNG`,
    heading: 'Export and import',
    traceCsv: 'Trace as CSV',
    traceJson: 'Trace as JSON',
    traceNote: 'The example shown: every gate, state and gradient at every step and unit.',
    model: 'Export model',
    importModel: 'Import model…',
    modelNote: 'The model file holds the weights in the documented format; an imported model is inspected like a trained one, and Play trains it on.',
    formats: 'Import reads a Gatescope model file, a PyTorch state dict (.safetensors), or a TF.js Layers model: choose or drop its model.json and .bin files together.',
    toPytorch: 'Export model → PyTorch',
    toTfjs: 'Export model → TF.js Layers',
    dropHere: 'Drop the model files here',
    exportRefused: (detail: string) => `The model was not exported: ${detail}.`,
    notText: 'it is neither a model file (JSON) nor a PyTorch safetensors file',
    formatSafetensors: (detail: string) => `it is a PyTorch safetensors file, but ${detail}`,
    formatTfjs: (detail: string) => `it is a TF.js Layers model, but ${detail}`,
    imported: (cell: string, H: string, name: string) => `Imported ${cell} with H = ${H} from ${name}.`,
    importFailed: (name: string, why: string) => `${name} was not imported, the current model is unchanged: ${why}.`,
    tooLarge: (size: string) => `the file is ${size} MB, more than the 5 MB allowed`,
    tooDeep: (limit: string) => `the file is nested more than ${limit} levels deep (a model file needs 4)`,
    notJson: (detail: string) => `it is not JSON (${detail})`,
    wrongFormat: (got: string) => `it is not a Gatescope model file (format ${got})`,
    wrongVersion: (got: string, want: string) => `its version is ${got}; this Gatescope reads version ${want}`,
    invalid: (path: string, problem: string) => `${path}: ${problem}`,
    hiddenTooLarge: (H: string, max: string) => `its hidden size is ${H}, more than the ${max} this page runs`,
  },
  equations: {
    region: 'Equations',
    heading: 'The equations at the cursor',
    forward: 'Forward pass',
    backward: 'Backward pass',
    terms: 'Terms of the equations',
    hoverHint: 'Point at a term to find it in the cell diagram; or focus the equations and step through the terms with ← →.',
    at: (t: string, unit: string) => `t = ${t}, unit ${unit}`,
    noData: 'Start training or step once to see the numbers.',
    lastStep: 'At the last step nothing comes back from t + 1.',
  },
  explain: {
    more: 'Why it works',
  },
  summaries: {
    memory: { kept: 'memory kept', cleared: 'memory cleared', partly: 'memory partly kept' },
    gru: { kept: 'state kept', replaced: 'state replaced', mixed: 'state mixed with the candidate' },
    rolled: (t: string, unit: string, gate: string, value: string, meaning: string) => `t = ${t}, unit ${unit}: ${gate} ${value}, ${meaning}`,
    heatmap: (label: string, T: string, H: string, min: string, mean: string, max: string) =>
      `${label}: ${H} units × ${T} steps; lowest ${min}, mean ${mean}, highest ${max}`,
  },
  presets: {
    adding: {
      title: 'Vanishing gradients: the adding problem (T = 100)',
      explanation:
        'Two of the 100 inputs are marked; the answer, asked at the last step, is their sum. One marked value sits in the ' +
        'first half, so the error must travel back 50 steps or more to teach the network which inputs count. ' +
        'The RNN ends where it started, predicting the mean; the LSTM and the GRU learn. Watch the gradient curves as ' +
        'they train. At the start all three lose the error signal on its way back: the GRU most (its update gate starts ' +
        'half open), the RNN least. As the gated cells learn to hold the marked values their curves rise until they are ' +
        'nearly level, while the RNN’s first step ends up with less than a billionth of the error its last step gets. ' +
        'The gates do not carry the gradient from the start: they learn to. ' +
        'Orthogonal recurrent weights and a forget bias of 1 are the usual starting point, not a handicap for the RNN.',
    },
    'remember-first': {
      title: 'Remember the first input (T = 50): when does memory survive?',
      explanation:
        'The answer is the first input; the 49 after it are noise in [−1.5, 1.5]. Memory survives only where a gate starts ' +
        'open: the LSTM here starts with forget bias 3, so f ≈ σ(3) ≈ 0.95 and the cell state keeps most of its content ' +
        'at every step, and it learns. The GRU starts with its update gate half open (z ≈ 0.5), so half the memory ' +
        'is replaced at every step, and the RNN has no gate at all; both end at the baseline. ' +
        'That is why the preset uses bias 3: at the usual bias of 1, and at 0, the LSTM learnt on none of three seeds. ' +
        'It also trains at half the usual learning rate (0.005): at 0.01 the LSTM’s run was unstable on one seed of three. ' +
        'If you expected the GRU to do as well as the LSTM, as it does on the adding problem: the difference here is the ' +
        'starting point, not the cell. At the start the LSTM’s first step gets the error almost undiminished, the GRU’s ' +
        'less than a millionth of it, and the noise drowns the rest before the GRU can learn to close its update gate. ' +
        'Without the noise (noise 0) even the RNN learns, because orthogonal weights carry a signal through zero inputs.',
    },
    chrono: {
      title: 'Chrono initialisation: remember the first input for 100 steps',
      explanation:
        'The task of “Remember the first input” at twice the delay (T = 100, noise ±1.5), at the usual forget bias of 1, ' +
        'but with every gate bias drawn as Tallec and Ollivier (2018) propose: the LSTM’s b_f = log U[1, 99] and b_i = −b_f, ' +
        'the GRU’s b_z = log U[1, 99]. Each unit starts with a memory of its own time scale, some as long as the delay. ' +
        'Both the LSTM and the GRU learn; the RNN has no gate to set and stays at the baseline. Without chrono, the GRU ' +
        'and the LSTM at bias 1 end at the baseline on all three seeds tried (1–3). Switch it on for any run under ' +
        'Network settings, with T_max about the longest delay the task needs.',
    },
    sine: {
      title: 'Sine wave (the article’s example)',
      explanation:
        'Predict the next value of a sine wave. Each step needs only the last few, so nothing has to be carried far and ' +
        'all three cells learn it within 1000 steps. Here the cells differ in cost, not in what they can learn: ' +
        'see the cost panel. With a loss at every step the gradient ratio says little, since every step gets its own error.',
    },
    'take-apart': {
      title: 'Take the LSTM apart: the adding problem (T = 100)',
      explanation:
        'The nine LSTMs of Greff et al. (2017), each differing from their vanilla V (forget gate and peepholes) in one ' +
        'part, learn the adding problem side by side from the same seed. Here the input gate is the part the cell cannot ' +
        'do without: with i fixed at 1 (NIG) every one of the 100 inputs goes into the cell state, the 98 to ignore as fully ' +
        'as the two that count, and the network ends at the baseline on each of the seeds we measured (1, 2 and 3). That ' +
        'is the weight conflict the input gate resolves. Coupling the forget gate to the input gate (CIFG) or removing the ' +
        'peepholes (NP) costs nothing we could measure, as Greff et al. found. Their other finding, that the LSTM without a ' +
        'forget gate (NFG) or without the output activation (NOAF) does worse, does not show here: NOAF learned on all three ' +
        'seeds, and NFG and FGR on two of them. Their tasks were long streams of speech, handwriting and music; ours ' +
        'start every sequence from an empty memory.',
    },
    'no-forget': {
      title: 'Remember the first input: the LSTM without a forget gate (T = 50)',
      explanation:
        'The first input must be kept through 49 steps of noise, and here the forget gate starts at the usual bias of 1, ' +
        'so f ≈ 0.73: the vanilla LSTM V lets the memory leak away and ends at the baseline on seeds 1, 2 and 3. Take the ' +
        'forget gate out (NFG, the LSTM of 1997) and f = 1: the cell state is the constant error carousel, nothing leaks, ' +
        'and the network learns on every seed. A forget gate is for letting go; on a task where nothing must be let go it ' +
        'gets in the way until it has learnt to stay open. FGR learns too: its controllers also see their own values of the ' +
        'step before. Compare the remember-first preset, where V learns because its forget bias starts at 3.',
    },
  } satisfies Record<PresetId, { title: string; explanation: string }>,
};

export type Messages = typeof en;
