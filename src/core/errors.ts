/**
 * Every message a user can see for bad input or a failed run is built here, so wording
 * stays consistent: `<where>: <what is wrong>; <what is allowed / the fix>`.
 *
 * BenchError carries the CLI exit code: 2 for bad input (the user can fix the call or the
 * file), 1 for a run that failed. The CLI prints `message` only, never a stack trace.
 */

export type ExitCode = 1 | 2;

export class BenchError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode) {
    super(message);
    this.name = 'BenchError';
    this.exitCode = exitCode;
  }
}

/** Bad input: a file, an argument, an environment the user must fix. Exit code 2. */
export class InputError extends BenchError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'InputError';
  }
}

/** A run that started and failed (diverged, crashed, could not write). Exit code 1. */
export class RunError extends BenchError {
  constructor(message: string) {
    super(message, 1);
    this.name = 'RunError';
  }
}

/** JSON-quote a user value for a message. */
export function quote(value: unknown): string {
  if (value === undefined) return 'undefined';
  const s = JSON.stringify(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Bytes as GiB with one decimal, "4 GiB" for a whole number (rounded). */
export function gib(bytes: number): string {
  const tenths = Math.round((bytes / 2 ** 30) * 10) / 10;
  return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)} GiB`;
}

/** "a", "a or b", "a, b or c" with each item quoted. */
export function oneOf(allowed: readonly unknown[]): string {
  const q = allowed.map((a) => quote(a));
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

export const messages = {
  notAllowed: (where: string, value: unknown, allowed: readonly unknown[]) =>
    `${where}: ${quote(value)} is not allowed; use ${oneOf(allowed)}`,
  onlyWith: (option: string, value: unknown, needed: string) =>
    `${option}: ${quote(value)} is not allowed without ${needed}; add ${needed} or leave ${option} out`,
  unknownEngine: (name: string, allowed: readonly string[]) =>
    `--engine: ${quote(name)} is not an engine; use ${oneOf(allowed)}`,
  wasmAborted: () =>
    'engine wasm: WebAssembly aborted, most likely out of memory (a wasm heap is at most 4 GiB; the paper net at 227 px needs more than that at batch 128); lower training.batchSize (64 fits) or use a GPU engine (--engine webgpu or tensorflow)',
  wasmOutOfMemory: () =>
    'engine wasm: out of memory: the run needed more than the 4 GiB a WebAssembly heap can hold and stopped; lower training.batchSize ' +
    '(bench run and bench perf estimate beforehand which batch fits) or use a GPU engine (--engine webgpu or tensorflow)',
  wasmFailed: (what: string) =>
    `engine wasm: WebAssembly stopped with "${what}" and cannot be used after it (a further call could hang), so the process ends here; ` +
    'run again with --engine cpu to see whether the run itself is at fault, and report it with this message',
  wasmWorkerCrashed: (what: string) =>
    `engine wasm: a WebAssembly worker thread crashed (${what}); the process was stopped, since the main thread would wait for that thread forever. ` +
    'Run again with BENCH_WASM_THREADS=1 to see the error where it happens',
  memoryTooLarge: (o: { where: string; batchSize: number; needsBytes: number; engine: string; limitBytes: number; during: string; largestBatch: number }) =>
    `${o.where}: ${o.batchSize} needs about ${gib(o.needsBytes)} on ${o.engine}${o.during} (at most ${gib(o.limitBytes)}); ` +
    (o.largestBatch > 0 ? `use ${o.largestBatch} or less, or a GPU engine (--engine webgpu or tensorflow)` : 'no batch size fits; use a GPU engine (--engine webgpu or tensorflow)'),
  engineUnavailable: (name: string, why: string, fix: string) =>
    `--engine ${name}: not usable here: ${why}; ${fix}`,
  fileNotFound: (path: string, what: string) =>
    `${path}: ${what} does not exist; check the path`,
  outputNotWritable: (path: string, reason: string) =>
    `${path}: cannot write results (${reason}); choose a writable folder with --out`,
  diverged: (loss: number, epoch: number, step: number) =>
    `loss became ${loss} at epoch ${epoch}, step ${step}; the run stopped (status "diverged"). Lower training.learningRate or check the data`,
  notAnInteger: (where: string, value: unknown, min: number, max: number) =>
    `${where}: ${quote(value)} is not allowed; use a whole number from ${min} to ${max}`,
  checkpointOtherConfig: (path: string, found: string, expected: string) =>
    `${path}: this checkpoint was written for another configuration (hash ${quote(String(found).slice(0, 12))}, this run ${quote(expected.slice(0, 12))}); ` +
    'continuing it would give wrong numbers. Restore the experiment file and engine it was written with, or pass --force to start the run again',
  unfinishedRun: (dir: string, where: string) =>
    `${dir}: an unfinished run with a checkpoint at ${where}; pass --resume to continue it from there, or --force to start it again from the beginning`,
  experimentChanged: (path: string, changes: string) =>
    `${path}: the experiment changed since its unfinished runs were checkpointed (${changes}); --resume cannot continue them. ` +
    'Restore the experiment file (and --engine) to continue them, or run without --resume to start the changed runs from the beginning',
  badShard: (value: string, why: string) =>
    `--shard: ${quote(value)} is not allowed (${why}); use i/n with whole numbers 0 <= i < n, 0-based (e.g. 0/4, 1/4, 2/4, 3/4); ` +
    'with Slurm arrays numbered from 1 pass $((SLURM_ARRAY_TASK_ID - 1))/$SLURM_ARRAY_TASK_COUNT',
  mergeNotResults: (path: string, why: string) =>
    `${path}: not a results folder (${why}); name folders written by bench run --out`,
  mergeExperimentDiffers: (path: string, other: string, changes: string) =>
    `${path}: experiment.resolved.json differs from ${other} (${changes}); only results of the same experiment file and engine can be merged: merge them into separate folders`,
  mergeRunConflict: (path: string, other: string, changes: string) =>
    `${path}: run differs from ${other} with the same run id (${changes}); one of them is wrong (a non-deterministic engine or an edited file): remove the one you do not trust and merge again`,
  resumeOrForce: () =>
    '--resume and --force: pass one of them; --resume continues unfinished runs from their checkpoints, --force starts every run again from the beginning',
  mergeIntoInput: (path: string) =>
    `${path}: the merge output is one of the inputs or inside one; choose a new folder for OUT`,
} as const;

/** Kernel notices (stderr, once per kernel): a fallback is slower, never wrong. */
export const kernelNotices = {
  wasmFallback: (kernel: string, why: string) =>
    `wasm ${kernel}: using the stock (slower) tfjs kernel for ${why}; logged once`,
  webgpuFallback: (kernel: string, why: string) =>
    `webgpu ${kernel}: this shape uses the stock (slower) tfjs kernel: ${why}; logged once`,
} as const;
