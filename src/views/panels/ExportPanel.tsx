/**
 * Export and import: the probe trace (CSV, JSON) and the model file. An imported file is
 * checked (size, JSON, format, version, then the engine's validation) before anything changes;
 * a bad one leaves the current model as it is and says what is wrong, naming the field. Text
 * from a file is only ever shown as text, never inserted as HTML.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';
import { useMessages, useNumberFormat, type Messages } from '../../i18n';
import { download } from '../../share/download';
import { traceCsv, traceJson } from '../../share/traceExport';
import { MAX_MODEL_BYTES, checkModel, type ImportProblem } from '../../share/modelImport';
import type { CellKind } from '../../engine/spec';

function describeProblem(m: Messages, p: ImportProblem, mb: (bytes: number) => string): string {
  const e = m.exporting;
  switch (p.kind) {
    case 'tooLarge':
      return e.tooLarge(mb(p.bytes));
    case 'tooDeep':
      return e.tooDeep(String(p.limit));
    case 'notJson':
      return e.notJson(p.detail);
    case 'wrongFormat':
      return e.wrongFormat(p.got);
    case 'wrongVersion':
      return e.wrongVersion(p.got, String(p.want));
    case 'invalid':
      return e.invalid(p.path, m.validation(p.problem));
    case 'hiddenTooLarge':
      return e.hiddenTooLarge(String(p.hidden), String(p.max));
    case 'taskMismatch':
      return e.taskMismatch(String(p.inputs), String(p.outputs), m.settings.tasks[p.task]);
  }
}

/** A file name for what the page shows now: cell, size, task and training step. */
function baseName(): string {
  const { config, step } = useStore.getState();
  return `gatescope-${config.cell}-H${config.hidden}-${config.task}-step${step}`;
}

export function ExportPanel() {
  const m = useMessages();
  const fmt = useNumberFormat();
  const e = m.exporting;
  const snapshot = useStore((s) => s.snapshot);
  const modelFile = useStore((s) => s.modelFile);
  // What the last import did, worded when drawn (so it follows a change of language).
  const [said, setSaid] = useState<{ name: string; outcome: ImportProblem | { kind: 'imported'; cell: CellKind; hidden: number } } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // The worker answers "export-model" with the file: save it once.
  useEffect(() => {
    if (!modelFile) return;
    download(`${baseName()}.model.json`, modelFile.json, 'application/json');
    useStore.getState().clearModelFile();
  }, [modelFile]);

  const importFile = async (file: File) => {
    const current = useStore.getState().config;
    // The size is checked before the file is read.
    const text = file.size > MAX_MODEL_BYTES ? '' : await file.text();
    const result = checkModel(text, file.size, current);
    if (!result.ok) {
      setSaid({ name: file.name, outcome: result.problem });
      return;
    }
    useStore.getState().loadModel(result.config, result.model);
    setSaid({ name: file.name, outcome: { kind: 'imported', cell: result.config.cell, hidden: result.config.hidden } });
  };
  const mb = (bytes: number) => fmt.fixed(bytes / (1024 * 1024), 1);
  const ok = said?.outcome.kind === 'imported';
  const words = !said
    ? null
    : said.outcome.kind === 'imported'
      ? e.imported(m.cells[said.outcome.cell], fmt.int(said.outcome.hidden), said.name)
      : e.importFailed(said.name, describeProblem(m, said.outcome, mb));

  return (
    <section className="panel export" aria-label={e.heading}>
      <h2>{e.heading}</h2>
      <div className="export-row">
        <button type="button" className="small-button" disabled={!snapshot} onClick={() => snapshot && download(`${baseName()}.trace.csv`, traceCsv(snapshot), 'text/csv')}>
          {e.traceCsv}
        </button>
        <button type="button" className="small-button" disabled={!snapshot} onClick={() => snapshot && download(`${baseName()}.trace.json`, traceJson(snapshot), 'application/json')}>
          {e.traceJson}
        </button>
        <span className="muted small">{e.traceNote}</span>
      </div>
      <div className="export-row">
        <button type="button" className="small-button" disabled={!snapshot} onClick={() => useStore.getState().requestModel()}>
          {e.model}
        </button>
        <button type="button" className="small-button" onClick={() => fileInput.current?.click()}>
          {e.importModel}
        </button>
        <input
          ref={fileInput}
          hidden
          data-testid="model-file"
          type="file"
          accept=".json,application/json"
          onChange={(ev) => {
            const file = ev.target.files?.[0];
            ev.target.value = ''; // the same file can be chosen again
            if (file) void importFile(file);
          }}
        />
        <span className="muted small">{e.modelNote}</span>
      </div>
      {words && (
        <p className={ok ? 'check-pass' : 'check-fail'} role={ok ? 'status' : 'alert'}>
          {words}
        </p>
      )}
    </section>
  );
}
