/**
 * Your sequences: a CSV or JSON file (chosen, dropped or pasted) of one sequence or a set, shown
 * on the network in place of the task's example, or trained on as the "Your data" task. The file
 * is read and checked (src/engine/sequenceFile.ts) before anything changes; each action is checked
 * too (the network's sizes, targets for training, the loss, memory), and a refusal names why. Text
 * from a file is only ever shown as text.
 */
import { useId, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { useMessages, useNumberFormat, type Messages } from '../../i18n';
import { parseSequences, parseTargetFile, sequenceText, withTargets } from '../../engine/sequenceFile';
import { SequenceError, type SequenceProblem } from '../../engine/sequenceProblems';
import { checkFits, checkTrainable, defaultLoss, splitSequences, targetKind } from '../../engine/sequences';
import { MAX_PAGE_FLOATS, dataTooLarge } from '../../share/dataMemory';
import type { LossKind } from '../../engine/loss';
import type { HeldSequences } from '../../store/sequencesSlice';
import { HiddenFileInput, useFileDrop } from '../primitives/fileDrop';

/** The files the chooser offers (any file can still be dropped; its content decides). */
const ACCEPT = '.csv,.tsv,.txt,.json,text/csv,application/json';

/** Why an action was not done, worded when drawn. */
type Refusal =
  | { readonly kind: 'problem'; readonly problem: SequenceProblem }
  | { readonly kind: 'tooLong'; readonly steps: number; readonly floats: number; readonly batch: number; readonly hidden: number };

/** What reading a file did: read (its name), or not (why). */
type ReadOutcome = { readonly name: string; readonly problem: SequenceProblem | 'notText'; readonly targets: boolean } | null;

/** Run `check`; a SequenceError becomes the problem it names. */
function attempt(check: () => void): SequenceProblem | null {
  try {
    check();
    return null;
  } catch (e) {
    if (e instanceof SequenceError) return e.problem;
    throw e;
  }
}

function summary(m: Messages, fmt: ReturnType<typeof useNumberFormat>, held: HeldSequences): string {
  const s = m.sequences;
  const { set } = held;
  const lengths = set.sequences.map((q) => q.T);
  const names = (list: readonly string[]) => list.slice(0, 6).join(', ') + (list.length > 6 ? ', …' : '');
  return s.summary(
    held.name,
    set.sequences.length === 1 ? s.oneSequence : s.manySequences(fmt.int(set.sequences.length)),
    s.stepsRange(fmt.int(Math.min(...lengths)), fmt.int(Math.max(...lengths))),
    `${fmt.int(set.I)} (${names(set.inputNames)})`,
    set.O === 0 ? s.noTargets : `${fmt.int(set.O)} (${names(set.targetNames)})`,
  );
}

export function SequencePanel() {
  const m = useMessages();
  const s = m.sequences;
  const fmt = useNumberFormat();
  // Only what this panel shows or checks: it does not redraw with every snapshot.
  const { held, ownProbe, pending, config, origin, netI, netO, evaluation, trained, dataRefused } = useStore(useShallow((st) => ({
    held: st.sequences, ownProbe: st.ownProbe, pending: st.pendingModel, config: st.config, origin: st.origin,
    netI: st.snapshot?.I ?? null, netO: st.snapshot?.O ?? null, evaluation: st.evaluation, trained: st.step > 0, dataRefused: st.dataRefused,
  })));
  // A score asked for here, on this run (an older one, or one the lesson asked for, is not shown).
  const [scoreAsked, setScoreAsked] = useState<{ run: number } | null>(null);
  const run = useStore((st) => st.run);
  const [read, setRead] = useState<ReadOutcome>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [pick, setPick] = useState(0);
  const [loss, setLoss] = useState<LossKind>('mse');
  const [pasted, setPasted] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const targetsInput = useRef<HTMLInputElement>(null);
  const pasteId = useId();
  const pickId = useId();
  const lossId = useId();

  const take = (name: string, text: string | null) => {
    setRefusal(null);
    if (text === null) return setRead({ name, problem: 'notText', targets: false });
    try {
      const parsed = parseSequences(text);
      useStore.getState().setSequences({ set: parsed.set, name, placeOf: parsed.placeOf });
      setRead(null);
      setPick(0);
      setLoss(defaultLoss(parsed.set));
    } catch (e) {
      if (!(e instanceof SequenceError)) throw e;
      setRead({ name, problem: e.problem, targets: false });
    }
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      take(file.name, sequenceText(new Uint8Array(await file.arrayBuffer())));
    } catch (e) {
      if (!(e instanceof SequenceError)) throw e;
      setRead({ name: file.name, problem: e.problem, targets: false });
    }
  };
  const readTargets = async (file: File | undefined) => {
    if (!file || !held) return;
    setRefusal(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    try {
      const text = sequenceText(bytes);
      if (text === null) return setRead({ name: file.name, problem: 'notText', targets: true });
      const targets = parseTargetFile(text, held.set.sequences[0]!.T);
      const set = withTargets(held.set, targets);
      // Messages about targets name the targets file's rows.
      useStore.getState().setSequences({ ...held, set, placeOf: (_q, t) => targets.placeOf(t) });
      setRead(null);
      setLoss(defaultLoss(set));
    } catch (e) {
      if (!(e instanceof SequenceError)) throw e;
      setRead({ name: file.name, problem: e.problem, targets: true });
    }
  };

  const { dropping, handlers: drop } = useFileDrop((files) => void readFile(files[0]));
  // The sizes the sequences must fit: a waiting model's, an imported model's, or (training a fresh network) none.
  const netSizes = pending ? { I: pending.inputs, O: pending.outputs } : netI !== null && netO !== null ? { I: netI, O: netO } : null;
  // The run the sequences would train: a waiting model's, else the page's.
  const target = pending ? pending.config : config;
  /** Whether a run on the sequences fits the page's memory (else the refusal says how much it would take). */
  const fitsMemory = (h: HeldSequences): boolean => {
    const big = dataTooLarge(h.set, target);
    if (big) setRefusal({ kind: 'tooLong', ...big, batch: target.batch, hidden: target.hidden });
    return big === null;
  };
  const show = () => {
    if (!held || !netSizes) return;
    const problem = attempt(() => checkFits(held.set, netSizes.I, netSizes.O));
    setRefusal(problem && { kind: 'problem', problem });
    // A waiting model runs on the sequences as its task: they must fit in memory.
    if (problem || (pending && !fitsMemory(held))) return;
    useStore.getState().showSequence(pick);
  };
  const train = () => {
    if (!held) return;
    const keeps = pending !== null || origin === 'import';
    const problem = attempt(() => {
      if (keeps && netSizes) checkFits(held.set, netSizes.I, netSizes.O);
      checkTrainable(held.set, loss, held.placeOf);
    });
    if (problem) return setRefusal({ kind: 'problem', problem });
    if (!fitsMemory(held)) return;
    setRefusal(null);
    useStore.getState().trainOnSequences(loss);
  };

  const readWords = read && (read.targets ? s.targetsFailed : s.readFailed)(read.name, read.problem === 'notText' ? s.notText : m.sequenceProblem(read.problem));
  const shownRefusal: Refusal | null = refusal ?? (dataRefused && { kind: 'tooLong', ...dataRefused });
  const refusalWords = shownRefusal && s.refused(
    shownRefusal.kind === 'problem'
      ? m.sequenceProblem(shownRefusal.problem)
      : s.tooLong(fmt.int(shownRefusal.steps), fmt.int(shownRefusal.batch), fmt.int(shownRefusal.hidden), fmt.int(Math.round((shownRefusal.floats * 4) / 2 ** 20)), fmt.int((MAX_PAGE_FLOATS * 4) / 2 ** 20)),
  );
  const count = held?.set.sequences.length ?? 0;
  const kind = useMemo(() => (held ? targetKind(held.set) : null), [held]);
  const data = config.task === 'data' ? config.data : undefined;
  const split = data ? splitSequences(data.set.sequences.length) : null;

  return (
    <section className={`panel export sequences${dropping ? ' export-dropping' : ''}`} aria-label={s.heading} data-testid="sequences-panel" {...drop}>
      <h2>{s.heading}</h2>
      <p className="muted small">{s.intro}</p>
      {pending && (
        <p className="notice-quiet" role="status" data-testid="pending-model">
          {s.waiting(pending.name, fmt.int(pending.inputs), fmt.int(pending.outputs))}
        </p>
      )}
      <div className="export-row">
        <button type="button" className="small-button" onClick={() => fileInput.current?.click()}>
          {s.choose}
        </button>
        <HiddenFileInput ref={fileInput} testId="sequence-file" accept={ACCEPT} onFiles={(files) => void readFile(files[0])} />
        {held && held.set.sequences.length === 1 && held.set.O === 0 && (
          <>
            <button type="button" className="small-button" onClick={() => targetsInput.current?.click()}>
              {s.targetsFile}
            </button>
            <HiddenFileInput ref={targetsInput} testId="targets-file" accept={ACCEPT} onFiles={(files) => void readTargets(files[0])} />
          </>
        )}
        <span className="muted small">{s.dropHere}</span>
      </div>
      <details className="sequence-paste">
        <summary>{s.paste}</summary>
        <div className="sequence-paste-body">
          <label className="visually-hidden" htmlFor={pasteId}>{s.paste}</label>
          <textarea id={pasteId} rows={5} spellCheck={false} value={pasted} onChange={(ev) => setPasted(ev.target.value)} placeholder={'x,y\n0.5,\n0.25,0.75'} />
          <button type="button" className="small-button" disabled={pasted.trim() === ''} onClick={() => take(s.pasted, pasted)}>
            {s.read}
          </button>
        </div>
      </details>
      {readWords && <p className="check-fail" role="alert" data-testid="sequence-problem">{readWords}</p>}
      {held && (
        <>
          <p className="small" data-testid="sequence-summary">{summary(m, fmt, held)}</p>
          <div className="export-row">
            {count > 1 && (
              <label className="inline-field" htmlFor={pickId}>
                <span>{s.whichSequence}</span>
                <select id={pickId} value={pick} onChange={(ev) => setPick(Number(ev.target.value))}>
                  {held.set.sequences.map((q, k) => (
                    <option key={k} value={k}>{`${q.id} (${fmt.int(q.T)})`}</option>
                  ))}
                </select>
              </label>
            )}
            <button type="button" className="small-button" disabled={!netSizes} onClick={show}>
              {s.show}
            </button>
          </div>
          {held.set.O === 0 ? (
            <p className="muted small">{s.viewOnly}</p>
          ) : (
            <div className="export-row">
              <label className="inline-field" htmlFor={lossId}>
                <span>{s.loss}</span>
                <select id={lossId} value={loss} onChange={(ev) => setLoss(ev.target.value as LossKind)}>
                  <option value="mse">{s.losses.mse}</option>
                  <option value="ce" disabled={!kind?.distributions}>{s.losses.ce}</option>
                </select>
              </label>
              <button type="button" className="small-button" onClick={train}>
                {s.train}
              </button>
              {!kind?.distributions && <span className="muted small">{s.ceNeedsClasses}</span>}
            </div>
          )}
        </>
      )}
      {refusalWords && <p className="check-fail" role="alert" data-testid="sequence-refused">{refusalWords}</p>}
      {data && split && (
        <div className="export-row" role="status" data-testid="data-status">
          <span className="small">
            {split.shared ? s.trainingShared(data.name) : s.trainingOn(data.name, fmt.int(split.train.length), fmt.int(split.heldOut.length))}
            {m.punct.space}{s.linkNote}
          </span>
          <button
            type="button" className="small-button" disabled={!trained}
            onClick={() => {
              setScoreAsked({ run });
              useStore.getState().send({ type: 'evaluate' });
            }}
          >
            {s.score}
          </button>
          {scoreAsked?.run === run && evaluation && (
            <span className="small" data-testid="data-score">
              {Number.isFinite(evaluation.ratio) ? s.scored(fmt.num(Number(evaluation.ratio.toPrecision(3))), fmt.int(evaluation.step)) : s.noScore}
            </span>
          )}
        </div>
      )}
      {ownProbe && (
        <div className="export-row" role="status" data-testid="own-probe">
          <span className="small">{s.showing(ownProbe.id, fmt.int(ownProbe.T), ownProbe.name)}{data ? '' : `${m.punct.space}${s.linkNote}`}</span>
          <button type="button" className="small-button" onClick={() => useStore.getState().showTaskExamples()}>
            {s.backToExamples}
          </button>
        </div>
      )}
    </section>
  );
}
