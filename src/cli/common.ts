/**
 * What the command-line tools share: option parsing that fails with one line, reading JSON
 * files, numeric option checks, and running a main function so that any bad input ends in
 * exit status 2 with one line on stderr and nothing on stdout.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MAX_JSON_DEPTH, ValidationError, jsonDepth, parseDecimal } from '../engine/validate';
import { KERNEL_KINDS, type KernelKind } from '../engine/backend';
import type { DType } from '../engine/tensor';
import { loadSimdKernels } from '../engine/wasm/simd';
import { ModelBytesError, modelFromBytes } from '../engine/formats/modelBytes';
import { parseSequences, sequenceText, type ParsedSequences } from '../engine/sequenceFile';
import { SequenceError } from '../engine/sequenceProblems';

/** A problem with the command line itself: reported like a ValidationError. */
export class UsageError extends Error {}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parse options strictly; an unknown or malformed option is a UsageError naming it. */
export function parseOptions<O extends Options>(argv: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]!;
    const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
    if (ambiguous) throw new UsageError(`${ambiguous[1]}: a value that starts with "-" must be written as ${ambiguous[1]}=VALUE`);
    throw new UsageError(message.replace(/\. To specify.*$/, ''));
  }
}

/** The bytes of a regular file; `label` names it in messages (e.g. `--model m.json`). */
function readRegular(path: string, label: string): Buffer {
  try {
    // Only a regular file: a FIFO would block, a device would not end.
    const stat = statSync(path);
    if (!stat.isFile()) {
      const what = stat.isDirectory() ? 'a directory' : stat.isFIFO() ? 'a FIFO' : stat.isSocket() ? 'a socket' : 'a device';
      throw new UsageError(`${label} ${path}: not a regular file (it is ${what})`);
    }
    return readFileSync(path);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code ?? 'unreadable';
    throw new UsageError(`${label} ${path}: cannot read the file (${why})`);
  }
}

/**
 * A model file of any format the tools read (a Gatescope model file, a PyTorch state dict in
 * safetensors, a TF.js Layers model.json with its shards), told by its content, as a Gatescope
 * model file's JSON for parseModel.
 */
export function readModel(path: string, label: string): unknown {
  // A TF.js model.json's shards sit beside it, named by the manifest (a bare file name only).
  const shard = (name: string): Uint8Array | undefined => {
    if (name === '' || /[\\/]|^\.\.?$/.test(name)) throw new UsageError(`${label} ${path}: its weightsManifest names the shard ${JSON.stringify(name).slice(0, 60)}, not a file beside it`);
    const full = join(dirname(path), name);
    return existsSync(full) ? new Uint8Array(readRegular(full, `${label} ${path}: its shard`)) : undefined;
  };
  try {
    return modelFromBytes(new Uint8Array(readRegular(path, label)), shard).model;
  } catch (e) {
    if (e instanceof ModelBytesError) throw new UsageError(`${label} ${path}: ${e.message}`);
    throw e;
  }
}

/** A regular file's text (UTF-8); `label` names it in messages. */
export function readText(path: string, label: string): string {
  return readRegular(path, label).toString('utf8');
}

/** A file of sequences (CSV or JSON, told by its content); a problem names the file, then its place in it. */
export function readSequences(path: string, label: string): ParsedSequences {
  return sequenceFileCheck(path, label, () => {
    const text = sequenceText(new Uint8Array(readRegular(path, label)));
    if (text === null) throw new UsageError(`${label} ${path}: not UTF-8 text (a CSV or JSON file of sequences)`);
    return parseSequences(text);
  });
}

/** Run `read`, turning a SequenceError into a UsageError that names the file. */
export function sequenceFileCheck<T>(path: string, label: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof SequenceError) throw new UsageError(`${label} ${path}: ${e.message}`);
    throw e;
  }
}

/** Read and parse a JSON file; `label` names it in messages (e.g. `--model m.json`). */
export function readJson(path: string, label: string): unknown {
  const text = readRegular(path, label).toString('utf8');
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw new UsageError(`${label} ${path}: nested more than ${MAX_JSON_DEPTH} levels deep (a model file needs 4, a sequence file 2)`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${label} ${path}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
}

/** A number option: finite, within [min, max] (and an integer when asked). */
export function numberOption(
  raw: string | undefined, name: string, fallback: number,
  { min = -Infinity, max = Infinity, integer = false, exclusiveMin = false } = {},
): number {
  if (raw === undefined) return fallback;
  const value = parseDecimal(raw);
  // Written as a number, but not in the one syntax (hexadecimal, a plus, spaces): say which syntax.
  if (Number.isNaN(value) && raw.trim() !== '' && Number.isFinite(Number(raw))) {
    throw new UsageError(`--${name}: expected a number written in decimal, as 16, 0.5 or 1e-4, got ${JSON.stringify(raw)}`);
  }
  const kind = integer ? 'an integer' : 'a number';
  const range =
    `${exclusiveMin ? `above ${min}` : Number.isFinite(min) ? `from ${min}` : ''}` +
    `${Number.isFinite(max) ? `${exclusiveMin || Number.isFinite(min) ? ' ' : ''}up to ${max}` : ''}`;
  const ok = Number.isFinite(value) && (!integer || Number.isInteger(value)) &&
    (exclusiveMin ? value > min : value >= min) && value <= max;
  if (!ok) throw new UsageError(`--${name}: expected ${kind}${range ? ` ${range}` : ''}, got ${JSON.stringify(raw)}`);
  return value;
}

/** A choice among fixed words. */
export function choiceOption<T extends string>(raw: string | undefined, name: string, choices: readonly T[], fallback?: T): T {
  if (raw === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${name}: required (one of ${choices.join(', ')})`);
  }
  if (!(choices as readonly string[]).includes(raw)) {
    throw new UsageError(`--${name}: expected one of ${choices.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return raw as T;
}

/**
 * --kernels js|wasm for the float32 engine: WASM SIMD by default where it can run, else JS.
 * Asking for wasm where SIMD is missing, or with float64 (which only the JS kernels compute), is an error.
 */
export function kernelsOption(raw: string | undefined, dtype: DType = 'f32'): KernelKind {
  const simd = loadSimdKernels();
  if (raw === undefined) return dtype === 'f32' && simd.ok ? 'wasm' : 'js';
  const kind = choiceOption<KernelKind>(raw, 'kernels', KERNEL_KINDS);
  if (kind === 'wasm' && dtype === 'f64') throw new UsageError('--kernels wasm: the WASM kernels compute in float32; use --dtype f32 or --kernels js');
  if (kind === 'wasm' && !simd.ok) throw new UsageError(`--kernels wasm: ${simd.reason}`);
  return kind;
}

/**
 * A message as one safe line: control characters (from a file's content, say, which could clear
 * the terminal or set its title) are written as \xNN.
 */
export function safeLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * Run a tool's main. Bad input (UsageError, ValidationError) → one line, exit 2.
 * Anything else is a bug → one line, exit 1. Never a stack trace.
 */
export async function runMain(main: (argv: string[], io: Io) => Promise<number> | number, argv: string[], io: Io = processIo): Promise<number> {
  try {
    return await main(argv, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ValidationError) {
      io.err(`${safeLine(e.message)}\n`);
      return 2;
    }
    io.err(`internal error: ${safeLine((e as Error)?.message ?? String(e))}\n`);
    return 1;
  }
}

/** Run main as the entry point of a process. */
export function runProcess(main: (argv: string[], io: Io) => Promise<number> | number): void {
  // A reader that stops early (`| head`) is not an error: stop quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    process.stderr.write(`cannot write the output (${e.code ?? e.message})\n`);
    process.exit(1);
  });
  void runMain(main, process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

/** Whether the module with this import.meta.url is the script node was asked to run. */
export function isEntry(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === moduleUrl;
  } catch {
    return false;
  }
}
