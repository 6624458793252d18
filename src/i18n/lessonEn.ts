/**
 * The lesson in English: the welcome, the navigation, and each chapter's text, its one action
 * and what to look for, and its evidence line. The Japanese file has the same shape (a missing
 * entry is a type error). Evidence texts take the measured values, already formatted.
 */
import type { ChapterId } from '../lesson/chapterIds';

/** Formatted numbers for the evidence lines: a ratio to 3 significant digits, a power of ten, an integer. */
export interface EvidenceFormat {
  sig(x: number): string;
  /** 10^x written out, e.g. "10^−8.6". */
  pow(log10: number): string;
  int(x: number): string;
}

/** What a chapter says: its text, the one thing to do, and its evidence line. */
export interface ChapterText<E> {
  readonly title: string;
  /** Two to five sentences. */
  readonly body: readonly string[];
  /** The one action asked of the reader. */
  readonly action: string;
  /** What to look for after it. */
  readonly lookFor: string;
  /** The evidence line: the claim and what was measured now (holds decides ✓ or what was found instead). */
  readonly evidence: (e: E, f: EvidenceFormat, holds: boolean) => string;
}

export type EvidenceValues = {
  readonly fnn: { fnn: number; rnn: number; window: number; delay: number };
  readonly notation: { t: number; carried: number; redone: number; shown: number };
  readonly vanishing: { log10Ratio: number; last: number; factor: number; tanhSlope: number };
  readonly conflict: { balance: number; gateFirst: number; gateRest: number };
  readonly cec: { ratio: number; rnnLog10: number };
  readonly gates: { t: number; unit: number; worst: number; inRange: boolean };
  readonly forget: { learnt: number; fixed: number | null };
  readonly peephole: { basic: number; peephole: number };
  readonly gru: { gru: number; lstm: number; paramRatio: number };
  readonly cost: { gru: number; lstm: number };
};

export type LessonChapters = { readonly [K in ChapterId]: ChapterText<EvidenceValues[K]> };

const chapters: LessonChapters = {
  fnn: {
    title: 'The feed-forward network and its window',
    body: [
      'A feed-forward network (FNN) passes its input through once and remembers nothing.',
      'To feed it a sequence, we lay the current input and the k − 1 before it side by side and hand them over together: here k = 4.',
      'The task asks, at step 10, for the input of step 1. At step 10 the window holds steps 7 to 10 only, so no amount of training can bring the first input back.',
      'Beside it, an RNN with the same size and the same training learns the task: its loop carries the value along.',
    ],
    action: 'Move the cursor to the last step (End) and look at the unrolled diagram.',
    lookFor: 'The dotted lines reach back only to step 7: the first input is outside the window.',
    evidence: (e, f, holds) =>
      holds
        ? `The FNN (window ${f.int(e.window)}) stays at ${f.sig(e.fnn)} × the baseline loss; the RNN reaches ${f.sig(e.rnn)} × (held-out, measured now).`
        : `Expected the FNN near the baseline and the RNN below 0.1 × it; measured: FNN ${f.sig(e.fnn)} ×, RNN ${f.sig(e.rnn)} ×.`,
  },
  notation: {
    title: 'The loop and its two drawings',
    body: [
      'The RNN adds one thing to the FNN: a loop that feeds its own output h back in at the next step.',
      'The rolled notation (a) draws one cell with the loop as a dashed arrow. The unrolled notation (b) draws a copy of the cell per time step, so the loop becomes a chain from left to right.',
      'They are the same network: every copy shares one set of weights, and the chain is the loop seen over time.',
    ],
    action: 'Press → a few times to move the cursor.',
    lookFor: 'The rolled cell and the highlighted step of the unrolled chain show the same values; what leaves step t as h(t) enters step t + 1.',
    evidence: (e, f, holds) =>
      holds
        ? `h leaving step ${f.int(e.t)} is ${e.carried.toPrecision(4)}; fed into step ${f.int(e.t + 1)}, tanh(W x + U h + b) gives ${e.redone.toPrecision(6)}, exactly the ${e.shown.toPrecision(6)} that step ${f.int(e.t + 1)} shows (the network’s weights, now).`
        : `Feeding h of step ${f.int(e.t)} (${e.carried.toPrecision(4)}) into step ${f.int(e.t + 1)} gives ${e.redone.toPrecision(6)}, but step ${f.int(e.t + 1)} shows ${e.shown.toPrecision(6)}.`,
  },
  vanishing: {
    title: 'The vanishing gradient',
    body: [
      'This RNN was trained on the adding problem over 100 steps: the answer, asked at the last step, depends on a value marked in the first half.',
      'To learn that, the error at step 100 must travel back to the early steps. Each step back multiplies it by a factor, the slope of tanh times the recurrent weights, and here that factor is below 1.',
      'Numbers below 1 multiplied again and again shrink fast: the error that reaches the first steps is too small to teach anything. This is the vanishing gradient (勾配消失).',
    ],
    action: 'Look at the gradient chart, then turn on “Backward pass” in the unrolled diagram and press “Play backward”.',
    lookFor: 'The ‖∂L/∂h‖ line falls by orders of magnitude from right to left; the bars below show the factor of each step, mostly below 1.',
    evidence: (e, f, holds) =>
      holds
        ? `Step 1 receives ${f.pow(e.log10Ratio)} of the error at step ${f.int(e.last)}; each step back multiplies it by ${f.sig(e.factor)} on average (mean |tanh′| ${f.sig(e.tanhSlope)}), measured now.`
        : `Expected step 1 to receive less than 10^−6 of the error; measured ${f.pow(e.log10Ratio)} (factor per step ${f.sig(e.factor)}).`,
  },
  conflict: {
    title: 'The weight conflict',
    body: [
      'Every weight is shared by all time steps, so its gradient is the sum of what each step asks of it.',
      'Here, remembering the first input through 19 noisy ones, the bars show one input weight pulled one way by some steps and the other way by others: no single value serves them all. That is the input weight conflict (入力重み衝突); the output side has the same (出力重み衝突).',
      'Step 1, the one that matters, hardly pulls at all: its share of the error vanished on the way back (chapter 3).',
      'This RNN is untrained, since the conflict is there from the start; the LSTM beside it uses a gate instead, opening its input gate on the step that matters and keeping it more closed on the distractors (its output gate, measured here, does not single out the last step as clearly).',
    ],
    action: 'Pick another unit (↑ ↓) or another weight in “Gradient by time step”.',
    lookFor: 'Bars on both sides of zero for the RNN; below, the LSTM’s input gate highest at t = 1.',
    evidence: (e, f, holds) =>
      holds
        ? `RNN: its input weights are pulled both ways, min(P, N) ÷ max(P, N) = ${f.sig(e.balance)} on average over the units; LSTM: input gate ${f.sig(e.gateFirst)} at t = 1 against ${f.sig(e.gateRest)} on the distractors (measured now).`
        : `Expected min(P, N) ÷ max(P, N) ≥ 0.3 and the LSTM’s input gate highest at t = 1; measured ${f.sig(e.balance)}, and ${f.sig(e.gateFirst)} against ${f.sig(e.gateRest)}.`,
  },
  cec: {
    title: 'The memory cell: the constant error carousel (CEC)',
    body: [
      'The LSTM’s answer to the vanishing gradient is a memory cell c that passes its content on unchanged: c(t) = c(t−1) + what the input gate lets in.',
      'The error flowing back along c is then multiplied by exactly 1 at each step, so it arrives at step 1 as strong as it left step 100. This is the constant error carousel (CEC).',
      'This is the 1997 LSTM, with no forget gate (f fixed at 1), its recurrent weights started small and trained for 50 steps on the same adding problem.',
    ],
    action: 'Compare the ‖∂L/∂c‖ line with ‖∂L/∂h‖ in the gradient chart.',
    lookFor: 'The c line stays level across all 100 steps.',
    evidence: (e, f, holds) =>
      holds
        ? `‖∂L/∂c₁‖ ÷ ‖∂L/∂c_T‖ = ${f.sig(e.ratio)}: the error arrives undiminished. The RNN of the vanishing-gradient chapter: ${f.pow(e.rnnLog10)} (both measured now).`
        : `Expected ‖∂L/∂c₁‖ ÷ ‖∂L/∂c_T‖ within a factor of 2 of 1 with f fixed at 1; measured ${f.sig(e.ratio)} (the RNN: ${f.pow(e.rnnLog10)}).`,
  },
  gates: {
    title: 'Gates and their controllers',
    body: [
      'A gate is a multiplication (×): it lets through a share of a signal. The share comes from a gate controller (ゲートコントローラ), a sigmoid neuron σ whose output lies between 0 (closed) and 1 (open).',
      'The Basic LSTM is four neurons: the input neuron g (tanh), which proposes new content, and three controllers: i for the input gate, f for the forget gate, o for the output gate.',
      'The input gate scales what g writes into c, the forget gate scales what c keeps, the output gate scales what c shows as h.',
    ],
    action: 'Point at σ i, σ f and σ o in the rolled cell; move the cursor with ← →.',
    lookFor: 'Each controller between 0 and 1; each gate’s output is its controller times its signal.',
    evidence: (e, f, holds) =>
      holds
        ? `At t = ${f.int(e.t)}, unit ${f.int(e.unit + 1)}: i, f, o lie in (0, 1), and c(t) = f·c(t−1) + i·g, h(t) = o·tanh(c(t)) hold to ${e.worst.toExponential(1)} (the snapshot, now).`
        : `At t = ${f.int(e.t)}, unit ${f.int(e.unit + 1)}: ${e.inRange ? 'the controllers are in (0, 1)' : 'a controller is outside (0, 1)'}, largest gap in the gate products ${e.worst.toExponential(1)}.`,
  },
  forget: {
    title: 'Why a forget gate',
    body: [
      'A carousel that never lets go keeps adding: on a long stream, whatever the input gate lets in piles up in c.',
      'The forget gate (忘却ゲート) lets the LSTM clear its memory when the content is no longer needed.',
      'This LSTM learnt its forget gate on a sine wave over 100 steps. Take the gate out, keep every weight, and see what c does.',
    ],
    action: 'Switch on “Forget gate fixed at 1” in the settings.',
    lookFor: 'In the heatmaps, the cell state c grows far beyond what it reached before.',
    evidence: (e, f, holds) =>
      e.fixed === null
        ? `With the learnt forget gate, max |c| over the sequence is ${f.sig(e.learnt)} (measured now); switch the gate off to compare.`
        : holds
          ? `Same weights, same task: max |c| is ${f.sig(e.fixed)} with f fixed at 1, against ${f.sig(e.learnt)} with the learnt forget gate (measured now).`
          : `Expected max |c| with f fixed at 1 to reach at least 1.5 × ${f.sig(e.learnt)}; measured ${f.sig(e.fixed)}.`,
  },
  peephole: {
    title: 'Peephole connections',
    body: [
      'In the Basic LSTM the gate controllers cannot see the memory they control. Peephole connections (覗き穴結合, ピープホール結合) let them: the input and forget controllers see c(t−1), the output controller sees c(t).',
      'Each is one weight per unit (p_i, p_f, p_o) that starts at 0, so switching them on changes nothing at that moment; training grows them.',
      'The task here is timing: after a trigger, fire for 5 steps exactly 15 steps later. This small LSTM (4 units) learnt it with peepholes, the same LSTM without them beside it.',
      'Both learn it. Whether the peepholes learn it more exactly in the same budget depends on the run: on seeds 1 and 3 they ended 2 to 37 times more exact, on seed 2 ahead with one of the two engines and behind with the other. So this chapter claims only that both learn; compare the two numbers below yourself.',
    ],
    action: 'Read p_i, p_f, p_o under the rolled cell; then switch the peepholes off and on.',
    lookFor: 'The p values are far from 0 after training; switching changes the outputs only because of them.',
    evidence: (e, f, holds) =>
      holds
        ? `Both learnt it: held-out loss ÷ baseline ${f.sig(e.peephole)} with peepholes, ${f.sig(e.basic)} without; ` +
          (e.peephole < e.basic ? `${f.sig(e.basic / e.peephole)} × lower with them (measured now).` : `${f.sig(e.peephole / e.basic)} × lower without them this time (measured now).`)
        : `Expected both to go below 0.1 of the baseline; measured ${f.sig(e.peephole)} with peepholes and ${f.sig(e.basic)} without (held-out loss ÷ baseline).`,
  },
  gru: {
    title: 'The GRU',
    body: [
      'The GRU keeps one state h instead of c and h, and has no output gate.',
      'One controller, the update gate z (更新ゲート), does two jobs: in our equations h(t) = z·h(t−1) + (1 − z)·g, so z is the share kept and 1 − z the share replaced by the new content g. The introduction words it the other way round, with z as the share of new content; the two are the same cell with z and 1 − z swapped.',
      'The reset gate r (リセットゲート) sits on the recurrent path into the candidate g: it decides how much of h(t−1) the candidate sees.',
    ],
    action: 'Point at σ z and σ r in the rolled cell, and compare the runs in the comparison table.',
    lookFor: 'The GRU learns the adding problem of the vanishing-gradient chapter, like the LSTM beside it.',
    evidence: (e, f, holds) =>
      holds
        ? `On the adding problem (T = 100): GRU ${f.sig(e.gru)} × and LSTM ${f.sig(e.lstm)} × the baseline loss (held-out), with ${f.sig(e.paramRatio * 100)} % of the LSTM’s parameters (measured now).`
        : `Expected both below 0.1 × the baseline; measured GRU ${f.sig(e.gru)} ×, LSTM ${f.sig(e.lstm)} × (${f.sig(e.paramRatio * 100)} % of the parameters).`,
  },
  cost: {
    title: 'The cost',
    body: [
      'Each gate needs its own block of weights. The LSTM has four blocks (i, f, g, o), the GRU three (z, r, g), so at the same size the GRU has about three quarters of the parameters and of the work per step.',
      'Here both are timed on this browser now, at 64 units on the adding problem.',
    ],
    action: 'Press “Measure speed” in the cost panel to time them again.',
    lookFor: 'The µs per training step of the GRU and the LSTM.',
    evidence: (e, f, holds) =>
      holds
        ? `A training step takes ${f.int(e.gru)} µs for the GRU against ${f.int(e.lstm)} µs for the LSTM (${f.sig((100 * e.gru) / e.lstm)} %), measured now in this browser.`
        : `Here the GRU was not faster: ${f.int(e.gru)} µs against ${f.int(e.lstm)} µs for the LSTM (measured now).`,
  },
};

export const lessonEn = {
  region: 'Lesson',
  welcome: {
    heading: 'Welcome to Gatescope',
    intro: [
      'Gatescope trains small recurrent networks in your browser and shows every number inside them.',
      'The lesson walks from the feed-forward network to the GRU in ten short chapters. Each sets up a network, trains it in front of you, asks you to do one thing, and proves its point with a number measured on that network.',
    ],
    start: 'Start the lesson',
    explore: 'Explore freely',
  },
  nav: {
    chapters: 'Chapters',
    previous: 'Previous chapter',
    next: 'Next chapter',
    progress: (n: string, total: string) => `${n} / ${total}`,
    leave: 'Leave the lesson',
    resume: 'Resume the lesson',
    again: 'Set up again',
    chapter: (n: string, title: string) => `${n}. ${title}`,
  },
  status: {
    settingUp: (step: string, total: string) => `Training this chapter’s network: step ${step} of ${total}…`,
    untrained: 'This chapter uses the network as initialised, untrained.',
    ready: (seconds: string) => `Set up in ${seconds} s.`,
    takenOver: 'You took over during the setup: what is on screen is your own run now.',
    failed: 'Training stopped during the setup (see the message above).',
    /** A gradient below the smallest float32, where a power of ten cannot be written. */
    floor: '0 (below 10^−45)',
    elsewhere: 'The network on screen is no longer this chapter’s. Set it up again to see the evidence.',
    waiting: 'Measuring…',
    doThis: 'Do this:',
    lookFor: 'Look for:',
    evidence: 'Evidence',
  },
  chapters,
  gradientByStep: {
    region: 'Gradient by time step',
    heading: 'Gradient by time step',
    weight: 'Weight',
    kinds: { input: 'input weight from x', recurrent: 'recurrent weight from h(t−1)', output: 'output weight to y' },
    gate: 'Gate',
    from: 'from unit',
    input: 'from input',
    explain: 'Each bar is what one time step adds to the gradient of the chosen weight of the selected unit; bars on both sides of zero pull it in opposite directions.',
    summary: (weight: string, positive: string, negative: string, balance: string) =>
      `${weight}: positive steps add ${positive}, negative steps ${negative}; min ÷ max = ${balance}`,
    lstmGate: 'The LSTM beside it: input gate i(t), averaged over its units',
    lstmLabel: 'Input gate of the LSTM over time',
  },
  stepFactors: {
    caption: 'The factor of each step back: ‖∂L/∂h(t−1)‖ ÷ ‖∂L/∂h(t)‖ (log scale; the line is 1)',
    label: 'Per-step factors of the error going back in time',
  },
  peepholes: {
    values: (unit: string, pi: string, pf: string, po: string) => `Peepholes of unit ${unit}: p_i ${pi}, p_f ${pf}, p_o ${po}`,
    since: (step: string, di: string, df: string, dpo: string) => `change since switched on at step ${step}: ${di}, ${df}, ${dpo}`,
    atZero: 'The peepholes start at 0, so switching them on changes no value now; training grows them.',
  },
};

export type LessonMessages = typeof lessonEn;
