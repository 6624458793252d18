/**
 * A model file's bytes, whatever made it: the format is told by the content, not the name. A
 * safetensors state dict (PyTorch) and a TF.js Layers model.json (with its weight shards, given by
 * `shard`) become Gatescope model files; any other JSON file is taken as one.
 * The result still goes through parseModel, the one validation of every model. The app and the
 * command-line tools both read models through here.
 */
import { MAX_JSON_DEPTH, jsonDepth } from '../validate';
import { looksLikeSafetensors, readSafetensors } from './safetensors';
import { stateDictToModel } from './pytorch';
import { FormatError } from './problems';
import { tfjsToModel } from './tfjsLayers';

/** A TF.js model's weight shard by the path model.json gives it, or undefined when there is none. */
export type ShardSource = (path: string) => Uint8Array | undefined;

export type ModelSource = 'gatescope' | 'safetensors' | 'tfjs';

export interface ModelBytes {
  readonly source: ModelSource;
  /** A Gatescope model file as JSON, unchecked. */
  readonly model: unknown;
}

/** What is wrong with a file before its model could be checked (its message names why). */
export class ModelBytesError extends Error {
  override readonly name = 'ModelBytesError';
  constructor(readonly source: ModelSource | 'json', message: string) {
    super(message);
  }
}

export function modelFromBytes(bytes: Uint8Array, shard: ShardSource = () => undefined): ModelBytes {
  if (looksLikeSafetensors(bytes)) {
    try {
      return { source: 'safetensors', model: stateDictToModel(readSafetensors(bytes)) };
    } catch (e) {
      if (e instanceof FormatError) throw new ModelBytesError('safetensors', `a safetensors file, but ${e.message}`);
      throw e;
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ModelBytesError('json', 'neither a safetensors file nor UTF-8 JSON');
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new ModelBytesError('json', `nested more than ${MAX_JSON_DEPTH} levels deep (a model file needs 4)`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ModelBytesError('json', `neither a safetensors file nor valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  const obj = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  if (obj && 'modelTopology' in obj && 'weightsManifest' in obj) {
    try {
      return { source: 'tfjs', model: tfjsToModel(obj, shard) };
    } catch (e) {
      if (e instanceof FormatError) throw new ModelBytesError('tfjs', `a TF.js Layers model, but ${e.message}`);
      throw e;
    }
  }
  return { source: 'gatescope', model: json };
}
