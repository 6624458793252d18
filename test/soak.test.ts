/** The soak's verdict (hand-made series) and its refusals of bad options (one line, exit 2). */
import { describe, expect, test } from 'vitest';
import { runMain } from '../src/cli/common';
import { main } from '../scripts/soak';
import { afterWarmup, sampleLine, verdicts, type SoakSample } from '../scripts/soakSeries';

const base: SoakSample = {
  at: 0, step: 0, status: 'training', pageHeap: 10e6, pageBuffers: 1e6, workerHeap: 1e6, workerBuffers: 2e6, domNodes: 9000, listeners: 280,
};
const at = (t: number, patch: Partial<SoakSample> = {}): SoakSample => ({ ...base, at: t, step: t * 100, ...patch });

describe('the verdict', () => {
  test('the warm-up is skipped: a heap that grew only while warming up is flat', () => {
    const series = [at(0, { pageHeap: 4e6 }), at(60, { pageHeap: 8e6 }), at(120), at(150, { pageHeap: 10.4e6 }), at(180, { pageHeap: 11e6 }), at(210, { pageHeap: 11.9e6 }), at(240, { pageHeap: 12.1e6 })];
    expect(afterWarmup(series, 120)?.at).toBe(120);
    const page = verdicts(series, 120).find((x) => x.name === 'page heap')!;
    // Medians of the first three after the warm-up (10, 10.4, 11) and of the last three (11, 11.9, 12.1).
    expect(page.first).toBe(10.4e6);
    expect(page.last).toBe(11.9e6);
    expect(page.ratio).toBeCloseTo(11.9 / 10.4, 10);
    expect(page.lastOverFirst).toBeCloseTo(1.21, 10);
    expect(page.range).toEqual([10e6, 12.1e6]);
    expect(page.flat).toBe(true);
  });

  test('a measure whose end is more than 20% above its start is not flat; one that steps between levels is; buffers are reported, not judged', () => {
    const levels = [365, 424, 365, 483, 365, 424, 365, 483, 424];
    const growing = [280, 290, 300, 310, 320, 330, 340, 350, 360];
    const series = levels.map((n, k) => at(120 + 30 * k, { domNodes: n * 25, listeners: growing[k]!, workerBuffers: k === 8 ? 9e6 : 2e6 }));
    const v = Object.fromEntries(verdicts(series, 120).map((x) => [x.name, x]));
    expect(v.listeners!.ratio).toBeCloseTo(350 / 290, 10);
    expect(v.listeners!.flat).toBe(false);
    expect(v['DOM nodes']!.ratio).toBeCloseTo(424 / 365, 10);
    expect(v['DOM nodes']!.flat).toBe(true);
    expect(v['worker buffers']!.flat).toBeNull();
  });

  test('a run shorter than the warm-up is judged from its first sample; no sample, no verdict', () => {
    expect(afterWarmup([at(0), at(30)], 120)?.at).toBe(0);
    expect(verdicts([], 120)).toEqual([]);
  });

  test('a report line names every measure in MB and counts', () => {
    expect(sampleLine(at(90, { step: 12345 }))).toBe(
      '  1.5 min  step    12,345  training  page heap   9.5 MB (+1.0 MB buffers)  worker heap   1.0 MB (+1.9 MB buffers)  9,000 DOM nodes  280 listeners',
    );
  });
});

describe('bad options', () => {
  async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runMain(main, argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
    return { code, out, err };
  }

  test.each([
    [[], /^--minutes: required/],
    [['--minutes', 'soon'], /^--minutes: expected a number above 0 up to 1440, got "soon"/],
    [['--minutes', '0'], /^--minutes: expected a number above 0/],
    [['--minutes', '1', '--hidden', '64.5'], /^--hidden: expected an integer from 1 up to 1024, got "64\.5"/],
    [['--minutes', '1', '--every', '1'], /^--every: expected a number from 5/],
    [['--minutes', '1', '--json', '/proc/no/such/dir/x.json'], /^--json \/proc\/no\/such\/dir\/x\.json: cannot write the file \(ENOENT\)/],
    [['--minutes', '1', '--fast'], /--fast/],
  ])('%j → exit 2, one line, nothing on stdout', async (argv, message) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });
});
