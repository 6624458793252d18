/**
 * A model file's bytes, whatever made it: the format is told by the content, not the name. A
 * safetensors state dict (PyTorch) and a TF.js Layers model.json (with its weight shards, given by
 * `shard`) become Gatescope model files; any other JSON file is taken as one. The result still goes
 * through parseModel, the one validation of every model. The app and the command-line tools both
 * read models through here.
 */
import { MAX_JSON_DEPTH, jsonDepth } from '../validate';
import { looksLikeSafetensors, readSafetensors } from './safetensors';
import { stateDictToModel } from './pytorch';
import { tfjsToModel } from './tfjsLayers';
import { FormatError, formatProblemText, type FormatProblem } from './problems';

/** A TF.js model's weight shard by the path model.json gives it, or undefined when there is none. */
export type ShardSource = (path: string) => Uint8Array | undefined;

export type ModelSource = 'gatescope' | 'safetensors' | 'tfjs';

export interface ModelBytes {
  readonly source: ModelSource;
  /** A Gatescope model file as JSON, unchecked. */
  readonly model: unknown;
}

/** Why the bytes gave no model to check. */
export type BytesProblem =
  | { readonly kind: 'format'; readonly source: 'safetensors' | 'tfjs'; readonly problem: FormatProblem }
  | { readonly kind: 'notText' }
  | { readonly kind: 'tooDeep'; readonly limit: number }
  | { readonly kind: 'notJson'; readonly detail: string };

const SOURCE_WORDS = { safetensors: 'a safetensors file', tfjs: 'a TF.js Layers model' } as const;

/** The English words for a BytesProblem. */
export function bytesProblemText(p: BytesProblem): string {
  switch (p.kind) {
    case 'format': return `${SOURCE_WORDS[p.source]}, but ${formatProblemText(p.problem)}`;
    case 'notText': return 'neither a safetensors file nor UTF-8 JSON';
    case 'tooDeep': return `nested more than ${p.limit} levels deep (a model file needs 4)`;
    case 'notJson': return `neither a safetensors file nor valid JSON (${p.detail})`;
  }
}

export class ModelBytesError extends Error {
  override readonly name = 'ModelBytesError';
  constructor(readonly problem: BytesProblem) {
    super(bytesProblemText(problem));
  }
}

function fromFormat<T>(source: 'safetensors' | 'tfjs', read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof FormatError) throw new ModelBytesError({ kind: 'format', source, problem: e.problem });
    throw e;
  }
}

export function modelFromBytes(bytes: Uint8Array, shard: ShardSource = () => undefined): ModelBytes {
  if (looksLikeSafetensors(bytes)) return { source: 'safetensors', model: fromFormat('safetensors', () => stateDictToModel(readSafetensors(bytes))) };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ModelBytesError({ kind: 'notText' });
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new ModelBytesError({ kind: 'tooDeep', limit: MAX_JSON_DEPTH });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ModelBytesError({ kind: 'notJson', detail: (e as Error).message.split('\n')[0]! });
  }
  const obj = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (obj && 'modelTopology' in obj) return { source: 'tfjs', model: fromFormat('tfjs', () => tfjsToModel(obj, shard)) };
  return { source: 'gatescope', model: json };
}
