/**
 * Export and import: the probe trace (CSV, JSON) and the model, as Gatescope's model file, a
 * PyTorch state dict (.safetensors) or a TF.js Layers model (model.json and weights.bin). Imported
 * files, chosen or dropped together, are checked (size, what they are, format, version, then the
 * engine's validation) before anything changes; a bad one leaves the current model as it is and
 * says what is wrong, naming the field. Text from a file is only ever shown as text, never
 * inserted as HTML.
 */
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';
import { useMessages, useNumberFormat, type Messages } from '../../i18n';
import { download } from '../../share/download';
import { traceCsv, traceJson } from '../../share/traceExport';
import { MAX_MODEL_BYTES, checkModelFiles, type ImportFile, type ImportProblem } from '../../share/modelImport';
import type { CellKind } from '../../engine/spec';
import type { ModelFile } from '../../engine/modelFile';
import { modelToSafetensors } from '../../engine/formats/pytorch';
import { modelToTfjs } from '../../engine/formats/tfjsLayers';
import { FormatError, type FormatProblem } from '../../engine/formats/problems';
import { HiddenFileInput, useFileDrop } from '../primitives/fileDrop';

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
    case 'notText':
      return e.notText;
    case 'format':
      return p.source === 'safetensors' ? e.formatSafetensors(m.formatProblem(p.problem)) : e.formatTfjs(m.formatProblem(p.problem));
  }
}

/** Save the worker's model file in the format asked for; a FormatError's problem if it has none. */
function saveModel(json: string, as: 'gatescope' | 'pytorch' | 'tfjs', base: string): FormatProblem | null {
  if (as === 'gatescope') {
    download(`${base}.model.json`, json, 'application/json');
    return null;
  }
  try {
    const model = JSON.parse(json) as ModelFile;
    if (as === 'pytorch') {
      download(`${base}.safetensors`, modelToSafetensors(model), 'application/octet-stream');
    } else {
      const files = modelToTfjs(model);
      download('model.json', JSON.stringify(files.modelJson), 'application/json');
      download('weights.bin', files.weights, 'application/octet-stream');
    }
    return null;
  } catch (err) {
    if (err instanceof FormatError) return err.problem;
    throw err;
  }
}

/** The files as the importer takes them: each read unless together they are too large to be a model. */
async function readFiles(list: readonly File[]): Promise<ImportFile[]> {
  const total = list.reduce((n, f) => n + f.size, 0);
  return Promise.all(
    list.map(async (f) => ({ name: f.name, size: f.size, bytes: total > MAX_MODEL_BYTES ? new Uint8Array(0) : new Uint8Array(await f.arrayBuffer()) })),
  );
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
  const [said, setSaid] = useState<{
    name: string;
    outcome: ImportProblem | { kind: 'imported'; cell: CellKind; hidden: number } | { kind: 'waiting'; inputs: number; outputs: number };
  } | null>(null);
  const [refused, setRefused] = useState<FormatProblem | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // The worker answers "export-model" with the file: save it once, in the format asked for.
  useEffect(() => {
    if (!modelFile) return;
    setRefused(saveModel(modelFile.json, modelFile.as, baseName()));
    useStore.getState().clearModelFile();
  }, [modelFile]);

  const importFiles = async (list: readonly File[]) => {
    if (list.length === 0) return;
    const { config: current, sequences } = useStore.getState();
    const result = checkModelFiles(await readFiles(list), current, sequences);
    const name = result.ok ? result.name : list.map((f) => f.name).join(', ');
    if (!result.ok) {
      setSaid({ name, outcome: result.problem });
      return;
    }
    if (result.waitsForData) {
      // No task has its shape: it waits, under "Your sequences", for sequences that do.
      const { inputs, outputs } = result.waitsForData;
      useStore.getState().setPendingModel({ config: result.config, model: result.model, name, inputs, outputs });
      setSaid({ name, outcome: { kind: 'waiting', inputs, outputs } });
      return;
    }
    useStore.getState().loadModel(result.config, result.model);
    setSaid({ name, outcome: { kind: 'imported', cell: result.config.cell, hidden: result.config.hidden } });
  };
  const { dropping, handlers: drop } = useFileDrop((files) => void importFiles(files));
  const mb = (bytes: number) => fmt.fixed(bytes / (1024 * 1024), 1);
  const ok = said?.outcome.kind === 'imported' || said?.outcome.kind === 'waiting';
  const words = !said
    ? null
    : said.outcome.kind === 'imported'
      ? e.imported(m.cells[said.outcome.cell], fmt.int(said.outcome.hidden), said.name)
      : said.outcome.kind === 'waiting'
        ? m.sequences.waiting(said.name, fmt.int(said.outcome.inputs), fmt.int(said.outcome.outputs))
        : e.importFailed(said.name, describeProblem(m, said.outcome, mb));

  return (
    <section className={`panel export${dropping ? ' export-dropping' : ''}`} aria-label={e.heading} data-testid="export-panel" {...drop}>
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
        <button type="button" className="small-button" disabled={!snapshot} onClick={() => useStore.getState().requestModel('pytorch')}>
          {e.toPytorch}
        </button>
        <button type="button" className="small-button" disabled={!snapshot} onClick={() => useStore.getState().requestModel('tfjs')}>
          {e.toTfjs}
        </button>
        <span className="muted small">{e.modelNote}</span>
      </div>
      <div className="export-row">
        <button type="button" className="small-button" onClick={() => fileInput.current?.click()}>
          {e.importModel}
        </button>
        <HiddenFileInput ref={fileInput} testId="model-file" multiple accept=".json,.safetensors,.bin,application/json" onFiles={(files) => void importFiles(files)} />
        <span className="muted small">{dropping ? e.dropHere : e.formats}</span>
      </div>
      {refused && (
        <p className="check-fail" role="alert" data-export-refused={refused.kind}>
          {e.exportRefused(m.formatProblem(refused))}
        </p>
      )}
      {words && (
        <p className={ok ? 'check-pass' : 'check-fail'} role={ok ? 'status' : 'alert'}>
          {words}
        </p>
      )}
    </section>
  );
}
