/**
 * The store with the user's sequences: what each action sends the worker (a fresh run, an imported
 * or waiting model's weights, the sequence on display), what clears the sequence on display, the
 * memory guard, and what a link carries of a run on them.
 */
import { beforeEach, expect, test } from 'vitest';
import { DEFAULT_CONFIG, useStore } from '../src/store';
import type { Command, Snapshot } from '../src/worker/protocol';
import { parseSequences } from '../src/engine/sequenceFile';
import { shareState } from '../src/share/useShareLink';

const initial = useStore.getState();
let sent: Command[] = [];
let restarts: boolean[] = [];
beforeEach(() => {
  useStore.setState({ ...initial }, true);
  sent = [];
  restarts = [];
  useStore.getState().connect((c) => void sent.push(c), { restart: (fresh) => void restarts.push(fresh) });
});

const hold = (text: string, name = 'mine.csv') => {
  const parsed = parseSequences(text);
  useStore.getState().setSequences({ set: parsed.set, name, placeOf: parsed.placeOf });
  return parsed.set;
};
const SET = 'id,a,b,y\ns1,1,2,\ns1,3,4,5\ns2,1,1,\ns2,0,0,1\ns3,2,2,\ns3,1,1,0\n';

test('train on a set: a fresh run of task data with the set and the loss; other settings kept', () => {
  const set = hold(SET);
  useStore.getState().trainOnSequences('mse');
  const c = sent.at(-1)!;
  expect(c.type).toBe('configure');
  if (c.type !== 'configure') return;
  expect(c.config).toMatchObject({ task: 'data', cell: DEFAULT_CONFIG.cell, hidden: DEFAULT_CONFIG.hidden, data: { loss: 'mse', name: 'mine.csv' } });
  expect(c.config.data!.set).toBe(set);
  // Another task from the sidebar leaves the sequences behind.
  useStore.getState().configure({ task: 'adding' });
  const d = sent.at(-1)!;
  expect(d.type === 'configure' && d.config.data).toBeUndefined();
});

test('an imported model trains on the set from its imported weights', () => {
  hold(SET);
  const model = { format: 'gatescope-model' };
  useStore.getState().loadModel({ ...DEFAULT_CONFIG, cell: 'gru' }, model);
  useStore.setState({ snapshot: { I: 2, O: 1 } as Snapshot });
  useStore.getState().trainOnSequences('mse');
  const c = sent.at(-1)!;
  expect(c.type).toBe('load-model');
  if (c.type !== 'load-model') return;
  expect(c.model).toBe(model);
  expect(c.config).toMatchObject({ cell: 'gru', task: 'data' });
});

test('a waiting model is loaded on the sequences when one is shown, then shows it', () => {
  hold('a,b,c\n1,2,3\n4,5,6\n');
  const model = { format: 'gatescope-model' };
  useStore.getState().setPendingModel({ config: { ...DEFAULT_CONFIG, cell: 'rnn' }, model, name: 'm.json', inputs: 3, outputs: 2 });
  useStore.getState().showSequence(0);
  expect(sent.map((c) => c.type)).toEqual(['load-model', 'set-probe-sequence']);
  const load = sent[0]!;
  // The set has no targets: it is sized for the model's 2 outputs (and its steps have none).
  expect(load.type === 'load-model' && load.config.data?.set.O).toBe(2);
  expect(useStore.getState().pendingModel).toBeNull();
  expect(useStore.getState().ownProbe).toEqual({ name: 'mine.csv', id: '1', T: 2 });
});

test('the sequence on display is cleared by a new run, a new example, and a fresh restart after a fault', () => {
  hold(SET);
  const show = () => {
    useStore.getState().showSequence(1);
    expect(useStore.getState().ownProbe).not.toBeNull();
  };
  show();
  useStore.getState().configure({ hidden: 4 });
  expect(useStore.getState().ownProbe).toBeNull();
  show();
  useStore.getState().newExample();
  expect(useStore.getState().ownProbe).toBeNull();
  show();
  useStore.setState({ workerFault: { kind: 'crashed', detail: '', step: 0, checkpointStep: null, repeated: false } });
  useStore.getState().reset();
  expect(restarts).toEqual([true]);
  expect(useStore.getState().ownProbe).toBeNull();
});

test('a cell that would need more memory than the page allows is refused by name, and nothing is sent', () => {
  hold(`id,x,y\n${Array.from({ length: 1000 }, (_, t) => `a,1,${t % 2}`).join('\n')}\n${Array.from({ length: 3 }, () => 'b,1,1').join('\n')}\n`);
  useStore.setState({ config: { ...DEFAULT_CONFIG, cell: 'rnn', hidden: 128, batch: 30 } });
  useStore.getState().trainOnSequences('mse');
  expect(sent.at(-1)!.type).toBe('configure');
  const count = sent.length;
  useStore.getState().configure({ cell: 'lstm' });
  expect(sent).toHaveLength(count);
  expect(useStore.getState().dataRefused).toMatchObject({ steps: 1000, batch: 30, hidden: 128 });
  expect(useStore.getState().config.cell).toBe('rnn');
});

test('a link of a run on the sequences: the sine task, no data, the cursor within the task’s length', () => {
  hold(`id,x,y\n${Array.from({ length: 80 }, (_, t) => `a,1,${t % 2}`).join('\n')}\nb,1,1\nb,2,0\n`);
  useStore.getState().trainOnSequences('mse');
  useStore.setState({ snapshot: { T: 80, H: 8 } as Snapshot, t: 75 });
  const state = shareState(useStore.getState());
  expect(state.config.task).toBe('sine');
  expect(state.config.data).toBeUndefined();
  expect(state.t).toBe(DEFAULT_CONFIG.length);
});
