import { expect, test } from 'vitest';
import { shareRuns } from '../src/worker/shareRuns';

test('runs are shared so that the workers carry about the same work, every run exactly once', () => {
  const runs = [{ id: 'rnn', c: 1 }, { id: 'lstm', c: 4 }, { id: 'gru', c: 3 }, { id: 'lstm-peephole', c: 4.2 }];
  const shares = shareRuns(runs, 2, (r) => r.c);
  expect(shares.flat().map((r) => r.id).sort()).toEqual(['gru', 'lstm', 'lstm-peephole', 'rnn']);
  // Heaviest first, each to the least loaded: 4.2 | 4, then 3 joins 4, then 1 joins 4.2.
  expect(shares.map((s) => s.map((r) => r.id))).toEqual([['lstm-peephole', 'rnn'], ['lstm', 'gru']]);
  expect(shareRuns(runs.slice(0, 3), 2, (r) => r.c).map((s) => s.map((r) => r.id))).toEqual([['lstm'], ['gru', 'rnn']]);
  expect(shareRuns(runs.slice(0, 1), 2, (r) => r.c)).toEqual([[runs[0]], []]);
});
