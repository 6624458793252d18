/**
 * Where `train` saves its model: `--save` a Gatescope model file, or a PyTorch state dict when the
 * name ends in .safetensors; `--save-tfjs DIR` a TF.js Layers model (model.json, weights.bin).
 * Every path is checked, and the model's cell against the format, before training starts.
 */
import { accessSync, closeSync, constants, mkdirSync, openSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { modelToFile, type ModelInit } from '../engine/modelFile';
import type { Network } from '../engine/network';
import { FormatError, modelToSafetensors } from '../engine/formats/pytorch';
import { modelToTfjs, type TfjsFiles } from '../engine/formats/tfjsLayers';
import { UsageError } from './common';

function named<T>(label: string, path: string, make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof FormatError) throw new UsageError(`${label} ${path}: ${e.message}`);
    throw e;
  }
}

/** The bytes --save writes: a state dict for a .safetensors name, else the model file. */
export function modelBytes(net: Network, path: string, init?: ModelInit): Uint8Array | string {
  if (!/\.safetensors$/i.test(path)) return `${JSON.stringify(modelToFile(net, init))}\n`;
  return named('--save', path, () => modelToSafetensors(modelToFile(net)));
}

export function tfjsFiles(net: Network, dir: string): TfjsFiles {
  return named('--save-tfjs', dir, () => modelToTfjs(modelToFile(net)));
}

export function writeOut(path: string, label: string, content: Uint8Array | string): void {
  try {
    writeFileSync(path, content);
  } catch (e) {
    throw new UsageError(`${label} ${path}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** --save-tfjs DIR: a folder that exists or can be made, and in which model.json can be written. */
export function checkFolder(dir: string): void {
  const full = resolve(dir);
  try {
    if (!statSync(full).isDirectory()) throw new UsageError(`--save-tfjs ${dir}: not a folder`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') throw new UsageError(`--save-tfjs ${dir}: a part of the path is a file, not a folder`);
    try {
      mkdirSync(full);
    } catch (m) {
      throw new UsageError(`--save-tfjs ${dir}: the folder cannot be made (${(m as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  checkWritable(resolve(full, 'model.json'), '--save-tfjs');
  checkWritable(resolve(full, 'weights.bin'), '--save-tfjs');
}

/**
 * Fail before training, not after, when --save cannot be written: the path must be a regular file
 * (or none yet) in a folder that exists, and opening it for writing must work (a probe that
 * leaves an existing file as it is, and removes a file it had to create).
 */
export function checkWritable(path: string, label: string): void {
  const full = resolve(path);
  // The kernel's pseudo-filesystems take a write only to refuse it afterwards (EIO).
  if (/^\/(proc|sys)(\/|$)/.test(full)) throw new UsageError(`${label} ${path}: is in ${full.startsWith('/proc') ? '/proc' : '/sys'}, not a place for files`);
  let existed = false;
  try {
    const stat = statSync(full);
    existed = true;
    if (stat.isDirectory()) throw new UsageError(`${label} ${path}: is a directory`);
    if (!stat.isFile()) throw new UsageError(`${label} ${path}: not a regular file`);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new UsageError(`${label} ${path}: a part of the path is a file, not a folder`);
    // does not exist yet: its folder must
  }
  try {
    accessSync(dirname(full), constants.W_OK);
  } catch {
    throw new UsageError(`${label} ${path}: the folder ${dirname(full)} does not exist or cannot be written`);
  }
  try {
    closeSync(openSync(full, 'a'));
    if (!existed) unlinkSync(full);
  } catch (e) {
    throw new UsageError(`${label} ${path}: cannot be written (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

