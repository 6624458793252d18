/** The URL hash: a round trip keeps every field; a tampered or outdated hash falls back field by field. */
import { expect, test } from 'vitest';
import fc from 'fast-check';
import { COMPARE_STEPS, FIELDS, RANGES, RUN_IDS, defaultState, parseHash, writeHash, type ShareState } from '../src/share/urlState';
import { PRESET_IDS } from '../src/presets';
import { DEFAULT_CONFIG } from '../src/store';
import { taskMinLength } from '../src/engine/tasks';

test('the defaults of the table are the app’s defaults', () => {
  expect(defaultState('en').config).toEqual(DEFAULT_CONFIG);
  expect(parseHash('', 'ja')).toEqual({ state: defaultState('ja'), problems: [] });
});

const stateArb: fc.Arbitrary<ShareState> = fc
  .record({
    cell: fc.constantFrom('fnn', 'rnn', 'lstm', 'gru' as const),
    peephole: fc.boolean(),
    resetAfter: fc.boolean(),
    forgetFixed: fc.boolean(),
    hidden: fc.integer(RANGES.hidden),
    window: fc.integer(RANGES.window),
    task: fc.constantFrom('sine', 'remember-first', 'adding', 'timed-pulse' as const),
    length: fc.integer({ min: 2, max: RANGES.length.max }),
    noise: fc.double({ ...RANGES.noise, noNaN: true }),
    pulseDelay: fc.integer({ min: 1, max: 20 }),
    pulseWidth: fc.integer({ min: 1, max: 20 }),
    lr: fc.double({ ...RANGES.lr, noNaN: true }),
    optimizer: fc.constantFrom('adam', 'sgd' as const),
    batch: fc.integer(RANGES.batch),
    clip: fc.double({ ...RANGES.clip, noNaN: true }),
    seed: fc.integer(RANGES.seed),
    forgetBias: fc.double({ ...RANGES.forgetBias, noNaN: true }),
    recurrentScale: fc.double({ ...RANGES.recurrentScale, noNaN: true }),
    kernels: fc.constantFrom('wasm', 'js'),
    chrono: fc.oneof(fc.constant(0), fc.integer({ min: 2, max: RANGES.chrono.max })),
    change: fc.constantFrom(undefined, 'NIG', 'NOG', 'NIAF', 'NOAF', 'CIFG', 'FGR' as const),
  })
  .chain((config) =>
    fc.record({
      // Variants that belong to another cell are off, as the page keeps them.
      config: fc.constant({
        ...config,
        peephole: config.cell === 'lstm' && config.peephole,
        forgetFixed: config.cell === 'lstm' && config.forgetFixed && config.change !== 'CIFG',
        change: config.cell === 'lstm' ? config.change : undefined,
        resetAfter: config.cell === 'gru' && config.resetAfter,
        chrono: config.cell === 'lstm' || config.cell === 'gru' ? config.chrono : 0,
        // A timed pulse fits its sequence, as the controls keep it.
        length: Math.max(config.length, taskMinLength(config.task, { delay: config.pulseDelay, width: config.pulseWidth })),
      }),
      step: fc.integer({ min: 0, max: 100_000 }),
      example: fc.integer({ min: 0, max: 1000 }),
      // The cursor within the run's T steps and H units.
      t: fc.integer({ min: 1, max: config.length }),
      unit: fc.integer({ min: 0, max: config.hidden - 1 }),
      language: fc.constantFrom('en', 'ja' as const),
      theme: fc.constantFrom('system', 'light', 'dark' as const),
      embed: fc.boolean(),
      lesson: fc.constant(0),
      compare: fc.option(fc.record({
        runs: fc.uniqueArray(fc.constantFrom(...RUN_IDS), { minLength: 1, maxLength: 9 }),
        steps: fc.integer(COMPARE_STEPS),
        preset: fc.option(fc.constantFrom(...PRESET_IDS), { nil: null }),
      }), { nil: null }),
    }),
  );

test('writing then reading a hash gives the same state, to the bit', () => {
  fc.assert(
    fc.property(stateArb, (state) => {
      const { state: back, problems } = parseHash(writeHash(state), 'en');
      expect(problems).toEqual([]);
      expect(back).toEqual(state);
      expect(Object.is(back.config.noise, state.config.noise)).toBe(true); // −0 stays −0
    }),
  );
});

test('a tampered hash keeps the good fields and names every bad one', () => {
  const { state, problems } = parseHash('#v=1&cell=gru&hidden=9999&lr=abc&seed=2.5&task=copying&colour=red&batch=32&t=7&unit=3&lang=ja&embed=yes', 'en');
  expect(state.config.cell).toBe('gru');
  expect(state.config.batch).toBe(32);
  expect(state.t).toBe(7);
  expect(state.unit).toBe(2);
  expect(state.language).toBe('ja');
  // The bad ones fall back to their defaults.
  expect(state.config.hidden).toBe(DEFAULT_CONFIG.hidden);
  expect(state.config.lr).toBe(DEFAULT_CONFIG.lr);
  expect(state.config.seed).toBe(DEFAULT_CONFIG.seed);
  expect(state.config.task).toBe(DEFAULT_CONFIG.task);
  expect(state.embed).toBe(false);
  expect(problems).toEqual([
    { field: 'hidden', kind: 'outOfRange', value: '9999', min: 1, max: 128 },
    { field: 'lr', kind: 'notANumber', value: 'abc' },
    { field: 'seed', kind: 'notWhole', value: '2.5' },
    { field: 'task', kind: 'unknownValue', value: 'copying' },
    { field: 'colour', kind: 'unknownField', value: 'red' },
    { field: 'embed', kind: 'unknownValue', value: 'yes' },
  ]);
});

test('settings that do not fit together are put right, and named', () => {
  const { state, problems } = parseHash('#task=adding&length=1&cell=rnn&peephole=1&resetAfter=1&hidden=4&unit=5&t=41', 'en');
  expect(state.config.length).toBe(40);
  expect(state.config.peephole).toBe(false);
  expect(state.config.resetAfter).toBe(false);
  expect(state.unit).toBe(0);
  expect(state.t).toBe(1);
  expect(problems).toEqual([
    { field: 'length', kind: 'outOfRange', value: '1', min: 2, max: 200 },
    { field: 'peephole', kind: 'notForCell', value: '1', cell: 'rnn' },
    { field: 'resetAfter', kind: 'notForCell', value: '1', cell: 'rnn' },
    { field: 't', kind: 'outOfRange', value: '41', min: 1, max: 40 },
    { field: 'unit', kind: 'outOfRange', value: '5', min: 1, max: 4 },
  ]);
});

test('a link of another format version is named', () => {
  expect(parseHash('#v=2&cell=gru', 'en').problems).toEqual([{ field: 'v', kind: 'unknownValue', value: '2' }]);
});

test('every field of the table is written', () => {
  const hash = writeHash({ ...defaultState('en'), embed: true, compare: { runs: ['rnn'], steps: 100, preset: null } });
  for (const f of FIELDS) if (f.key !== 'lesson') expect(new URLSearchParams(hash.slice(1)).has(f.key)).toBe(true);
});

test('the lesson field: a chapter from 1 to 10; a bad value is named and falls back to no chapter (the welcome)', () => {
  expect(parseHash('#lesson=3', 'en').state.lesson).toBe(3);
  expect(parseHash('#cell=gru', 'en').state.lesson).toBe(0);
  for (const bad of ['0', '11', 'two', '2.5']) {
    const { state, problems } = parseHash(`#lesson=${bad}`, 'en');
    expect(state.lesson).toBe(0);
    expect(problems.map((p) => p.field)).toEqual(['lesson']);
  }
  expect(writeHash({ ...defaultState('en'), lesson: 0 })).not.toContain('lesson');
  // A chapter's link carries the chapter and the page's look only: the chapter sets up the rest.
  expect(writeHash({ ...defaultState('ja'), lesson: 4, theme: 'dark' })).toBe('#v=1&lang=ja&theme=dark&lesson=4');
});

test('the FNN window: 1 to 32; out of range is named and takes the default', () => {
  expect(parseHash('#cell=fnn&window=12', 'en').state.config.window).toBe(12);
  const { state, problems } = parseHash('#cell=fnn&window=33', 'en');
  expect(state.config.window).toBe(DEFAULT_CONFIG.window);
  expect(problems).toEqual([{ field: 'window', kind: 'outOfRange', value: '33', min: 1, max: 32 }]);
});

test('a timed pulse too long for its sequence: the length is named and made long enough', () => {
  const { state, problems } = parseHash('#task=timed-pulse&length=20&pulseDelay=15&pulseWidth=5', 'en');
  expect(problems).toEqual([{ field: 'length', kind: 'outOfRange', value: '20', min: 21, max: 200 }]);
  expect(state.config.length).toBe(40);
  expect(parseHash('#task=timed-pulse&length=21&pulseDelay=15&pulseWidth=5', 'en').problems).toEqual([]);
});

test('one number syntax, decimal as in JSON: 1e1 and 0.5 are read; hexadecimal, binary, a plus or spaces are named and fall back', () => {
  const { state, problems } = parseHash('#hidden=0x10&batch=0b101&seed=%20+8%20&lr=5e-3&length=1e1', 'en');
  expect(state.config.lr).toBe(0.005);
  expect(state.config.length).toBe(10);
  expect(state.config.hidden).toBe(DEFAULT_CONFIG.hidden);
  expect(state.config.batch).toBe(DEFAULT_CONFIG.batch);
  expect(state.config.seed).toBe(DEFAULT_CONFIG.seed);
  expect(problems).toEqual([
    { field: 'hidden', kind: 'notDecimal', value: '0x10' },
    { field: 'batch', kind: 'notDecimal', value: '0b101' },
    { field: 'seed', kind: 'notDecimal', value: '  8 ' }, // a + in a query is a space
  ]);
});

test('a comparison in the link: runs, steps and preset read back; a repeated or unknown run and steps out of range are named', () => {
  const { state, problems } = parseHash('#compareSteps=500&compare=V,NIG,CIFG&comparePreset=take-apart', 'en');
  expect(problems).toEqual([]);
  expect(state.compare).toEqual({ runs: ['V', 'NIG', 'CIFG'], steps: 500, preset: 'take-apart' });
  expect(writeHash(state)).toContain('compare=V%2CNIG%2CCIFG&compareSteps=500&comparePreset=take-apart');
  expect(writeHash({ ...state, compare: null })).not.toContain('compare');
  expect(parseHash('#compare=V,V', 'en').problems).toEqual([{ field: 'compare', kind: 'unknownValue', value: 'V' }]);
  expect(parseHash('#compare=rnn,LSTM', 'en').problems).toEqual([{ field: 'compare', kind: 'unknownValue', value: 'LSTM' }]);
  const short = parseHash('#compare=rnn&compareSteps=5', 'en');
  expect(short.problems).toEqual([{ field: 'compareSteps', kind: 'outOfRange', value: '5', min: 10, max: 100_000 }]);
  expect(short.state.compare).toEqual({ runs: ['rnn'], steps: 3000, preset: null });
  // Steps and preset without runs say nothing.
  expect(parseHash('#compareSteps=500', 'en').state.compare).toBeNull();
});
