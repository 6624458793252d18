/**
 * What stops a model from another framework being read (safetensors, PyTorch state dicts, TF.js
 * Layers models) or a model being written for one: each problem as data, so the app can word it in
 * its language (src/i18n/formatJa.ts), and in English here, as the command-line tools print it.
 * Names of tensors, layers and keys are the file's own; shapes are written as 12×2.
 */
import { MAX_SIZE } from '../spec';

/** A cell that a framework has no layer for. */
export type Unexportable = 'peephole' | 'forgetFixed' | 'variant' | 'standardGru' | 'fnn';
export type Framework = 'pytorch' | 'tfjs';

export type FormatProblem =
  // The safetensors container.
  | { readonly kind: 'tooShort'; readonly bytes: number }
  | { readonly kind: 'headerTooLong'; readonly bytes: number; readonly max: number }
  | { readonly kind: 'headerPastEnd'; readonly bytes: number; readonly have: number }
  | { readonly kind: 'headerNotUtf8' }
  | { readonly kind: 'headerTooDeep'; readonly limit: number }
  | { readonly kind: 'headerNotJson'; readonly detail: string }
  | { readonly kind: 'headerNotObject' }
  | { readonly kind: 'metadataNotStrings'; readonly key: string | null }
  | { readonly kind: 'tensorMalformed'; readonly name: string; readonly what: 'entry' | 'dtype' | 'shape' | 'offsets' }
  | { readonly kind: 'dtypeNotRead'; readonly name: string; readonly dtype: string }
  | { readonly kind: 'lengthMismatch'; readonly name: string; readonly shape: string; readonly dtype: string; readonly need: number; readonly got: number }
  | { readonly kind: 'dataPastEnd'; readonly name: string; readonly end: number; readonly have: number }
  | { readonly kind: 'overlap'; readonly name: string }
  | { readonly kind: 'hole'; readonly from: number; readonly to: number }
  | { readonly kind: 'unaccounted'; readonly covered: number; readonly have: number }
  // What a model holds (both frameworks).
  | { readonly kind: 'layers'; readonly names: readonly string[] }
  | { readonly kind: 'bidirectional'; readonly names: readonly string[] }
  | { readonly kind: 'projection'; readonly names: readonly string[] }
  | { readonly kind: 'noRecurrent'; readonly found: readonly string[]; readonly from: Framework }
  | { readonly kind: 'notMatrix'; readonly key: string; readonly got: string }
  | { readonly kind: 'recurrentCount'; readonly names: readonly string[] }
  | { readonly kind: 'missingTensor'; readonly key: string; readonly beside: string }
  | { readonly kind: 'shape'; readonly key: string; readonly got: string; readonly want: string }
  | { readonly kind: 'gateRows'; readonly key: string; readonly got: string; readonly columns: number }
  | { readonly kind: 'readouts'; readonly names: readonly string[]; readonly hidden: number }
  | { readonly kind: 'unused'; readonly names: readonly string[]; readonly hidden: number }
  | { readonly kind: 'nonFinite'; readonly key: string; readonly value: string; readonly index: number }
  // TF.js Layers models.
  | { readonly kind: 'notModelObject' }
  | { readonly kind: 'noTopology' }
  | { readonly kind: 'notSequential'; readonly className: string | null }
  | { readonly kind: 'noLayerList' }
  | { readonly kind: 'layerMalformed'; readonly index: number }
  | { readonly kind: 'strayLayers'; readonly names: readonly string[] }
  | { readonly kind: 'denseFirst' }
  | { readonly kind: 'option'; readonly layer: string; readonly key: string; readonly value: string; readonly want: 'tanh' | 'sigmoid' | 'forwards' | 'linear' }
  | { readonly kind: 'manifest'; readonly group: number | null; readonly what: 'none' | 'group' | 'paths' | 'weight' }
  | { readonly kind: 'missingShard'; readonly path: string; readonly group: number }
  | { readonly kind: 'notFloat32'; readonly name: string; readonly dtype: string | null }
  | { readonly kind: 'shardShort'; readonly group: number; readonly bytes: number; readonly name: string; readonly shape: string; readonly offset: number }
  | { readonly kind: 'shardLong'; readonly group: number; readonly bytes: number; readonly used: number }
  | { readonly kind: 'weightCount'; readonly names: readonly string[]; readonly layer: string; readonly dense: boolean; readonly need: number }
  | { readonly kind: 'units'; readonly layer: string; readonly units: number; readonly got: string }
  /** The model's input, hidden or output size is 0 or above the engine's limit. */
  | { readonly kind: 'size'; readonly what: 'inputs' | 'hidden' | 'outputs'; readonly got: number; readonly max: number }
  // Writing.
  | { readonly kind: 'unexportable'; readonly what: Unexportable; readonly to: 'pytorch' }
  | { readonly kind: 'unexportable'; readonly what: Exclude<Unexportable, 'standardGru'>; readonly to: 'tfjs' };

export class FormatError extends Error {
  override readonly name = 'FormatError';
  constructor(readonly problem: FormatProblem) {
    super(formatProblemText(problem));
  }
}

const UNEXPORTABLE: { pytorch: Record<Unexportable, string>; tfjs: Record<Exclude<Unexportable, 'standardGru'>, string> } = {
  pytorch: {
    peephole: 'nn.LSTM has no peephole connections: an LSTM with peepholes cannot be exported to PyTorch',
    forgetFixed: 'nn.LSTM always has a forget gate: the LSTM with f fixed at 1 cannot be exported to PyTorch',
    variant: 'nn.LSTM is the basic LSTM: a variant of Greff et al. (NIG, NOG, NIAF, NOAF, CIFG, FGR) cannot be exported to PyTorch',
    standardGru: 'nn.GRU is the reset-after GRU (r applied after U h): the standard GRU cannot be exported to PyTorch',
    fnn: 'the FNN with a window has no PyTorch layer (nn.RNN, nn.LSTM and nn.GRU are recurrent)',
  },
  tfjs: {
    peephole: 'Keras\'s LSTM has no peephole connections: an LSTM with peepholes cannot be exported to TF.js',
    forgetFixed: 'Keras\'s LSTM always has a forget gate: the LSTM with f fixed at 1 cannot be exported to TF.js',
    variant: 'Keras\'s LSTM is the basic LSTM: a variant of Greff et al. (NIG, NOG, NIAF, NOAF, CIFG, FGR) cannot be exported to TF.js',
    fnn: 'the FNN with a window has no Keras layer (SimpleRNN, LSTM and GRU are recurrent)',
  },
};

const WANTS = {
  tanh: 'Gatescope\'s cells use tanh',
  sigmoid: 'Gatescope\'s gates use the logistic sigmoid (TF.js defaults to hard_sigmoid; build the layer with recurrentActivation: \'sigmoid\', as Keras does by default)',
  forwards: 'Gatescope reads the sequence forwards',
  linear: 'Gatescope\'s readout is linear (y = W_y h + b_y)',
} as const;

/** A FormatError of this problem (for `throw formatError({...})`). */
export const formatError = (p: FormatProblem): FormatError => new FormatError(p);

/** Every value of a tensor finite; else a problem naming the first that is not. */
export function checkFinite(key: string, data: ArrayLike<number>): void {
  for (let k = 0; k < data.length; k++) {
    if (!Number.isFinite(data[k]!)) throw formatError({ kind: 'nonFinite', key, value: String(data[k]), index: k });
  }
}

/** Every size from 1 to the engine's limit, checked before any array of that size is made. */
export function checkSizes(I: number, H: number, O: number): void {
  for (const [what, got] of [['inputs', I], ['hidden', H], ['outputs', O]] as const) {
    if (got < 1 || got > MAX_SIZE) throw formatError({ kind: 'size', what, got, max: MAX_SIZE });
  }
}

/** The English words for a problem. */
export function formatProblemText(p: FormatProblem): string {
  switch (p.kind) {
    case 'tooShort': return `the file is ${p.bytes} bytes, shorter than the 8-byte header length`;
    case 'headerTooLong': return `its header would be ${p.bytes} bytes, more than the ${p.max} allowed`;
    case 'headerPastEnd': return `its header should be ${p.bytes} bytes, but the file has only ${p.have} after the length`;
    case 'headerNotUtf8': return 'its header is not UTF-8 text';
    case 'headerTooDeep': return `its header is nested more than ${p.limit} levels deep`;
    case 'headerNotJson': return `its header is not JSON (${p.detail})`;
    case 'headerNotObject': return 'its header is not a JSON object';
    case 'metadataNotStrings': return p.key === null ? 'its __metadata__ is not an object of strings' : `its __metadata__.${p.key} is not a string`;
    case 'tensorMalformed':
      return `tensor ${p.name}: ${{ entry: 'not an object with dtype, shape and data_offsets', dtype: 'no dtype', shape: 'its shape is not a list of sizes', offsets: 'its data_offsets are not [begin, end]' }[p.what]}`;
    case 'dtypeNotRead': return `tensor ${p.name}: dtype ${p.dtype} is not read (F32, F64, F16 or BF16)`;
    case 'lengthMismatch': return `tensor ${p.name}: shape ${p.shape} of ${p.dtype} needs ${p.need} bytes, its data_offsets give ${p.got}`;
    case 'dataPastEnd': return `tensor ${p.name}: its data ends at byte ${p.end}, past the ${p.have} bytes of data in the file`;
    case 'overlap': return `tensor ${p.name}: its bytes overlap another tensor's`;
    case 'hole': return `bytes ${p.from}–${p.to} of the data belong to no tensor`;
    case 'unaccounted': return `the header accounts for ${p.covered} bytes of data, the file has ${p.have}`;
    case 'layers': return `more than one layer (${listNames(p.names)}): Gatescope reads a single recurrent layer`;
    case 'bidirectional': return `a bidirectional layer (${listNames(p.names)}): Gatescope reads one direction`;
    case 'projection': return `an LSTM with proj_size (${listNames(p.names)}): Gatescope's LSTM has no projection`;
    case 'noRecurrent': {
      const found = p.found.length ? listNames(p.found) : 'none';
      return p.from === 'pytorch' ? `no recurrent layer: no tensor ends in weight_ih_l0 (found ${found})` : `no SimpleRNN, LSTM or GRU layer (found ${found})`;
    }
    case 'notMatrix': return `${p.key} is ${p.got}, not a matrix`;
    case 'recurrentCount': return `${p.names.length} recurrent layers (${listNames(p.names)}): Gatescope reads one`;
    case 'missingTensor': return `${p.beside} has no ${p.key} beside it`;
    case 'shape': return `${p.key} is ${p.got}, expected ${p.want}`;
    case 'gateRows': return `${p.key} is ${p.got}: its rows are not 1, 3 or 4 times its ${p.columns} columns (RNN, GRU, LSTM)`;
    case 'readouts': return `more than one readout fits (${listNames(p.names)}, each a matrix from H = ${p.hidden}): keep one nn.Linear`;
    case 'unused': return `tensors Gatescope does not use (${listNames(p.names)}): it reads one recurrent layer and one nn.Linear readout from H = ${p.hidden}`;
    case 'nonFinite': return `${p.key} holds ${p.value} at index ${p.index}: every value must be finite`;
    case 'notModelObject': return 'model.json is not a JSON object';
    case 'noTopology': return 'model.json has no modelTopology object: not a TF.js Layers model';
    case 'notSequential': return `its model is a ${p.className ?? 'model of no class'}, not a Sequential one`;
    case 'noLayerList': return 'its Sequential model lists no layers';
    case 'layerMalformed': return `layer ${p.index} has no class_name and config`;
    case 'strayLayers': return `layers Gatescope does not read (${listNames(p.names)}): it reads one recurrent layer and one Dense`;
    case 'denseFirst': return 'the Dense layer comes before the recurrent one: Gatescope reads a Dense readout after it';
    case 'option': return `${p.layer} has ${p.key} ${p.value}: ${WANTS[p.want]}`;
    case 'manifest':
      return p.what === 'none' ? 'model.json has no weightsManifest'
        : p.what === 'group' ? `weightsManifest[${p.group}] has no paths and weights`
        : p.what === 'paths' ? `weightsManifest[${p.group}].paths holds something other than file names`
        : `weightsManifest[${p.group}] has a weight with no name or shape`;
    case 'missingShard': return `the weight shard ${clipName(p.path)} is missing (model.json names it in weightsManifest[${p.group}])`;
    case 'notFloat32': return p.dtype === null ? `weight ${p.name} is quantized: Gatescope reads float32 weights` : `weight ${p.name} is ${p.dtype}: Gatescope reads float32 weights`;
    case 'shardShort': return `the shards of weightsManifest[${p.group}] hold ${p.bytes} bytes, too few for weight ${p.name} (${p.shape} float32 from byte ${p.offset})`;
    case 'shardLong': return `the shards of weightsManifest[${p.group}] hold ${p.bytes} bytes, but its weights take ${p.used}`;
    case 'weightCount': return `the manifest lists ${p.names.length} weights (${listNames(p.names)}); this ${p.layer}${p.dense ? ' and Dense' : ''} need ${p.need}`;
    case 'units': return `${p.layer} has ${p.units} units, but its recurrent kernel is ${p.got}`;
    case 'size': return `its ${{ inputs: 'input size', hidden: 'hidden size', outputs: 'output size' }[p.what]} is ${p.got}; Gatescope's sizes run from 1 to ${p.max}`;
    case 'unexportable': return p.to === 'pytorch' ? UNEXPORTABLE.pytorch[p.what] : UNEXPORTABLE.tfjs[p.what];
  }
}

/** A name from a file, cut to 80 characters (a hostile file's names can be any length). */
export const clipName = (name: string): string => (name.length > 80 ? `${name.slice(0, 79)}…` : name);

/** Names in a message: the first four, each clipped, then how many more. */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 4).map(clipName).join(', ');
  return names.length > 4 ? `${shown} and ${names.length - 4} more` : shown;
}
