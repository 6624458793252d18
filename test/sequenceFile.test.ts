/**
 * Reading the user's sequences: CSV (header roles, ids, delimiters, quoting, empty targets) and
 * JSON (three shapes) give the numbers written in the file; every problem kind has an example
 * whose message names the place; the split is fixed, disjoint and complete.
 */
import { describe, expect, test } from 'vitest';
import { parseSequences, parseTargetFile, sequenceText, withTargets } from '../src/engine/sequenceFile';
import { SEQUENCE_LIMITS, SequenceError, sequenceProblemText, type SequenceProblem } from '../src/engine/sequenceProblems';
import { checkFits, checkTrainable, defaultLoss, splitSequences, targetKind } from '../src/engine/sequences';

const rows = (a: Float64Array, width: number): number[][] =>
  Array.from({ length: a.length / width }, (_, t) => Array.from(a.subarray(t * width, (t + 1) * width)));

describe('CSV', () => {
  test('a header gives the roles: the id groups rows, target and y columns are targets, the rest inputs', () => {
    const text = 'seq,x,flag,y\na,0.5,0,\na,-1e-1,1,\na,3,0,0.8\nb,.25,1,\nb,+2,0,1.5\n';
    const { set, format, placeOf } = parseSequences(text);
    expect(format).toBe('csv');
    expect(set.I).toBe(2);
    expect(set.O).toBe(1);
    expect(set.inputNames).toEqual(['x', 'flag']);
    expect(set.targetNames).toEqual(['y']);
    expect(set.sequences.map((s) => [s.id, s.T])).toEqual([['a', 3], ['b', 2]]);
    expect(rows(set.sequences[0]!.x, 2)).toEqual([[0.5, 0], [-0.1, 1], [3, 0]]);
    expect(Array.from(set.sequences[0]!.mask)).toEqual([0, 0, 1]);
    expect(set.sequences[0]!.target[2]).toBeCloseTo(0.8, 6);
    expect(rows(set.sequences[1]!.x, 2)).toEqual([[0.25, 1], [2, 0]]);
    expect(placeOf(1, 1)).toEqual({ kind: 'csv', row: 6 });
  });

  test('rows of one id need not be together: they join their sequence in file order', () => {
    const { set } = parseSequences('id,x\n1,1\n2,10\n1,2\n2,20\n');
    expect(set.sequences.map((s) => [s.id, Array.from(s.x)])).toEqual([['1', [1, 2]], ['2', [10, 20]]]);
  });

  test('semicolons, tabs, quotes, a byte-order mark and blank lines', () => {
    expect(rows(parseSequences('\uFEFFa;b\n1;2\n\n3;4\n').set.sequences[0]!.x, 2)).toEqual([[1, 2], [3, 4]]);
    expect(rows(parseSequences('a\tb\n1\t2\n3\t4').set.sequences[0]!.x, 2)).toEqual([[1, 2], [3, 4]]);
    expect(rows(parseSequences('"a, first","y"\n"1",2\n3,"4"\r\n').set.sequences[0]!.x, 1)).toEqual([[1], [3]]);
  });

  test('without a header every column is an input', () => {
    const { set } = parseSequences('1,2,3\n4,5,6\n');
    expect([set.I, set.O, set.sequences.length]).toEqual([3, 0, 1]);
    expect(set.inputNames).toEqual(['x1', 'x2', 'x3']);
  });

  test('target names: target, y, target_2, y1, "y: cat" are targets; year and yield are inputs', () => {
    const { set } = parseSequences('target,y,target_2,y1,y: cat,year,yield\n1,2,3,4,5,6,7\n1,2,3,4,5,6,7\n');
    expect(set.targetNames).toEqual(['target', 'y', 'target_2', 'y1', 'y: cat']);
    expect(set.inputNames).toEqual(['year', 'yield']);
  });
});

describe('JSON', () => {
  test('an array of rows: one sequence of inputs', () => {
    const { set } = parseSequences('[[1, 2], [3, 4], [5, 6]]');
    expect([set.I, set.O, set.sequences[0]!.T]).toEqual([2, 0, 3]);
  });

  test('{inputs, targets} with null steps', () => {
    const { set } = parseSequences('{"inputs": [[1], [2], [3]], "targets": [null, [0, 1], [1, 0]]}');
    expect([set.I, set.O]).toEqual([1, 2]);
    expect(Array.from(set.sequences[0]!.mask)).toEqual([0, 1, 1]);
    expect(rows(set.sequences[0]!.target, 2)).toEqual([[0, 0], [0, 1], [1, 0]]);
  });

  test('{sequences: [...]}: ids, varying lengths, sequences without targets', () => {
    const { set } = parseSequences(JSON.stringify({
      sequences: [{ id: 'first', inputs: [[1], [2]], targets: [[1], [2]] }, { inputs: [[3], [4], [5]] }],
    }));
    expect(set.sequences.map((s) => [s.id, s.T, Array.from(s.mask)])).toEqual([['first', 2, [1, 1]], ['2', 3, [0, 0, 0]]]);
  });
});

/** One example of every problem, and the words its message must have. */
const EXAMPLES: Record<SequenceProblem['kind'], [() => unknown, string]> = {
  empty: [() => parseSequences(' \n\n'), 'the file holds no rows'],
  headerOnly: [() => parseSequences('x,y\n\n'), 'the file has a header row and no rows of data under it'],
  tooBig: [() => sequenceText(new Uint8Array(SEQUENCE_LIMITS.bytes + 1)), 'the file is 20.0 MB, more than the 20 MB allowed'],
  tooManyValues: [() => parseSequences(`a,b\n${'1,2\n'.repeat(500_001)}`), 'the file holds 1000002 numbers (rows × columns), more than the 1000000 allowed'],
  tooManySequences: [() => parseSequences(`id,x\n${Array.from({ length: 10_001 }, (_, k) => `${k},1\n${k},2\n`).join('')}`), 'the file holds 10001 sequences, more than the 10000 allowed'],
  notJson: [() => parseSequences('{"inputs": [[1], [2]'), 'not valid JSON ('],
  notNumber: [() => parseSequences('a,b,c\n1,2,3\n4,5,3\n7,8,9\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,3\n1,2,abc\n'), 'row 12, column 3 (c): "abc" is not a number'],
  notFinite: [() => parseSequences('x,y\n1,2\nInfinity,3\n'), 'row 3, column 1 (x): "Infinity" is not a finite number within the float32 range'],
  emptyCell: [() => parseSequences('x,y\n1,2\n,3\n'), 'row 3, column 1 (x) is empty'],
  columns: [() => parseSequences(`a,b,c\n${'1,2,3\n'.repeat(38)}1,2\n`), 'row 40 has 2 columns, the header has 3'],
  noInputs: [() => parseSequences('id,y\na,1\na,2\n'), 'no input columns: every column is a target or the sequence id'],
  tooFewSteps: [() => parseSequences('id,x\na,1\na,2\nb,3\n'), 'sequence "b" has 1 step; a sequence needs at least 2'],
  tooManySteps: [() => parseSequences(`x\n${'1\n'.repeat(1001)}`), 'sequence 1 has 1001 steps, more than the 1000 allowed'],
  jsonShape: [() => parseSequences('{"sequences": [{"inputs": [[1], [2]]}, {"inputs": [[1], 2]}]}'), 'sequence 2, step 2: expected a row of numbers, got the number 2'],
  width: [() => parseSequences('{"inputs": [[1, 2], [3]]}'), 'step 2 has 1 input, the first step has 2'],
  targetRows: [() => parseTargetFile('1\n2\n', 3), 'the targets file has 2 rows, the sequence has 3 steps'],
  noTargets: [() => checkTrainable(parseSequences('x\n1\n2\n').set, 'mse', () => ({ kind: 'csv', row: 1 })), 'no step has a target, so there is nothing to train on'],
  notDistribution: [() => {
    const p = parseSequences('x,y_a,y_b\n1,1,0\n2,0.5,0.7\n');
    return checkTrainable(p.set, 'ce', p.placeOf);
  }, 'row 3: the targets sum to 1.2; cross-entropy needs each target row to be a class distribution'],
  splitTargets: [() => {
    // Targets only on the held-out sequence of five: nothing to learn from.
    const held = splitSequences(5).heldOut[0]!;
    const rows = Array.from({ length: 5 }, (_, q) => `s${q},1,${q === held ? 1 : ''}\ns${q},2,`).join('\n');
    return checkTrainable(parseSequences(`id,x,y\n${rows}\n`).set, 'mse', () => ({ kind: 'csv', row: 1 }));
  }, 'none of the 4 sequences trained on has a target'],
  oneClass: [() => checkTrainable(parseSequences('x,y\n1,1\n2,0\n').set, 'ce', () => ({ kind: 'csv', row: 1 })), 'cross-entropy needs at least 2 target columns'],
  inputsMismatch: [() => checkFits(parseSequences('a,b,y\n1,2,3\n1,2,3\n').set, 1, 1), 'the sequences have 2 inputs per step, the network takes 1'],
  outputsMismatch: [() => checkFits(parseSequences('a,y1,y2\n1,2,3\n1,2,3\n').set, 1, 1), 'the sequences have 2 targets per step, the network gives 1 output'],
};

describe('every problem is named', () => {
  test.each(Object.entries(EXAMPLES))('%s', (kind, [make, words]) => {
    let caught: unknown;
    try {
      make();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(SequenceError);
    const problem = (caught as SequenceError).problem;
    expect(problem.kind).toBe(kind);
    expect((caught as SequenceError).message).toContain(words);
    expect(sequenceProblemText(problem)).toBe((caught as SequenceError).message);
    expect((caught as SequenceError).message).not.toMatch(/undefined|NaN|\[object/);
  });

  test('JSON places name the sequence, the step and the number, from 1', () => {
    expect(() => parseSequences('{"sequences": [{"inputs": [[1], [2]]}, {"inputs": [[1], [2]], "targets": [[1], ["x"]]}]}'))
      .toThrow('sequence 2, step 2, target 1: "x" is not a number');
    expect(() => parseSequences('{"sequences": [{"inputs": [[1], [2]], "targets": [[1]]}]}')).toThrow('sequence 1: "targets" has 1 row, "inputs" has 2');
    expect(() => parseSequences('{"sequences": []}')).toThrow('expected a non-empty array of sequences, got an empty array');
    expect(() => parseSequences('{"x": 1}')).toThrow('the file: expected an array of rows, an object with "inputs", or an object with "sequences"');
  });

  test('cross-entropy names a negative target; a held-out part without targets is named too', () => {
    const p = parseSequences('x,y_a,y_b\n1,1,0\n2,-1,2\n');
    expect(() => checkTrainable(p.set, 'ce', p.placeOf)).toThrow('row 3: a target is negative (-1); cross-entropy needs');
    const train = splitSequences(5).train;
    const rows = Array.from({ length: 5 }, (_, q) => `s${q},1,${train.includes(q) ? 1 : ''}\ns${q},2,`).join('\n');
    expect(() => checkTrainable(parseSequences(`id,x,y\n${rows}\n`).set, 'mse', () => ({ kind: 'csv', row: 1 })))
      .toThrow('none of the 1 held-out sequence has a target, so the network cannot be scored');
  });

  test('the delimiter comes from the first non-blank line, outside quotes; trailing delimiters make no column', () => {
    expect(parseSequences('\nx;target\n1;2\n3;4').set.inputNames).toEqual(['x']);
    expect(parseSequences('"value, raw";target\n1;2\n3;4').set.inputNames).toEqual(['value, raw']);
    expect(parseSequences('a\tb\r\n1\t2\r\n3\t4\r\n').set.I).toBe(2);
    const trailing = parseSequences('x,y,\n1,2,\n3,4,\n').set;
    expect([trailing.I, trailing.O]).toEqual([1, 1]);
  });

  test('a wide header is read in linear time', () => {
    const n = 200_000;
    const started = performance.now();
    const { set } = parseSequences(`x,${Array.from({ length: n }, (_, k) => `y${k}`).join(',')}\n${'0,'.repeat(n)}0\n${'0,'.repeat(n)}0\n`);
    expect(set.O).toBe(n);
    console.log(`a header of ${n + 1} columns: read in ${(performance.now() - started).toFixed(0)} ms`);
  });

  test('a targets file within the number limit, its rows named in messages', () => {
    expect(() => parseTargetFile(`${'1,'.repeat(4999)}1\n`.repeat(201), 201)).toThrow('the file holds 1005000 numbers (rows × columns), more than the 1000000 allowed');
    const t = parseTargetFile('y\n1\n\n2\n', 3);
    expect(t.placeOf(2)).toEqual({ kind: 'csv', row: 4 });
  });

  test('a partly empty target row is refused; a wholly empty one is a step without a target', () => {
    expect(() => parseSequences('x,y1,y2\n1,2,\n')).toThrow('row 2, column 3 (y2) is empty');
    expect(Array.from(parseSequences('x,y1,y2\n1,,\n2,1,0\n').set.sequences[0]!.mask)).toEqual([0, 1]);
  });

  test('bytes that are not UTF-8 are not text', () => {
    expect(sequenceText(new Uint8Array([0xff, 0xfe, 0x00, 0x80]))).toBeNull();
  });
});

describe('a separate targets file', () => {
  test('CSV rows, an empty line for no target, a header allowed; JSON rows or null', () => {
    const seq = parseSequences('x\n1\n2\n3\n').set;
    const csv = withTargets(seq, parseTargetFile('y\n0.5\n\n1.5\n', 3));
    expect(Array.from(csv.sequences[0]!.mask)).toEqual([1, 0, 1]);
    expect(Array.from(csv.sequences[0]!.target)).toEqual([0.5, 0, 1.5]);
    const json = parseTargetFile('[null, [1, 0], [0, 1]]', 3);
    expect([json.O, Array.from(json.mask)]).toEqual([2, [0, 1, 1]]);
  });
});

describe('the split and the loss', () => {
  test('fixed, disjoint and complete; a fifth held out (at least one); one sequence is shared', () => {
    for (const n of [2, 3, 5, 10, 101]) {
      const a = splitSequences(n);
      expect(splitSequences(n)).toEqual(a);
      expect(a.heldOut).toHaveLength(Math.max(1, Math.round(n * 0.2)));
      expect([...a.train, ...a.heldOut].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, k) => k));
      expect(a.shared).toBe(false);
    }
    expect(splitSequences(1)).toEqual({ train: [0], heldOut: [0], shared: true });
  });

  test('one-hot targets default to cross-entropy; other targets to MSE', () => {
    const oneHot = parseSequences('x,y_a,y_b\n1,1,0\n2,0,1\n').set;
    expect(targetKind(oneHot)).toEqual({ distributions: true, oneHot: true });
    expect(defaultLoss(oneHot)).toBe('ce');
    const soft = parseSequences('x,y_a,y_b\n1,0.3,0.7\n2,0,1\n').set;
    expect(targetKind(soft)).toEqual({ distributions: true, oneHot: false });
    expect(defaultLoss(soft)).toBe('mse');
    expect(() => checkTrainable(soft, 'ce', () => ({ kind: 'csv', row: 1 }))).not.toThrow();
    expect(defaultLoss(parseSequences('x,y\n1,1\n2,0\n').set)).toBe('mse');
  });
});
