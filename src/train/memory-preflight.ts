/**
 * Refuses, before anything trains, a run whose estimated memory exceeds its engine's fixed
 * limit (`bench run` and `bench perf`). Only engines with a known limit are checked: wasm,
 * whose heap cannot pass 4 GiB (drivers/wasm-driver.ts); a GPU's memory or the machine's
 * RAM is not known before the run. The estimate reads the config only, so it never changes
 * what a run computes.
 *
 * BENCH_SKIP_MEMORY_PREFLIGHT=1 skips the check. It exists to test what happens when the
 * estimate is wrong and a run does exhaust the heap (test/cli/memory-preflight.test.ts):
 * the run must still end with exit code 1 and a message (drivers/wasm-heap-guard.ts).
 */
import { InputError, messages } from '../core/errors.js';
import type { AlexNetConfig } from '../models/config.js';
import { engineMemoryLimitBytes, useEngine, type ActiveEngine, type EngineName } from '../engine/engines.js';
import { estimateWasmMemory, type WasmMemoryEstimate, type WasmRunShape } from './wasm-memory.js';

export const SKIP_MEMORY_PREFLIGHT_VAR = 'BENCH_SKIP_MEMORY_PREFLIGHT';

/** One run to check. */
export interface MemoryCheck {
  /** The file and field, or the option, that sets the batch: 'experiments/x.json: /training/batchSize', '--batch'. */
  where: string;
  config: AlexNetConfig;
  batchSize: number;
  /** A ten-patch evaluation of 10 x batchSize crops at the end (evaluation.tenCrop). */
  tenCrop: boolean;
}

type Estimator = (config: AlexNetConfig, shape: WasmRunShape) => WasmMemoryEstimate;

/** The engines whose limit is known, with their memory model. */
const ESTIMATORS: Partial<Record<EngineName, Estimator>> = { wasm: estimateWasmMemory };

/** Whether the check is skipped; anything but unset, empty or "1" is bad input. */
export function memoryPreflightSkipped(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env[SKIP_MEMORY_PREFLIGHT_VAR];
  if (raw === undefined || raw === '') return false;
  if (raw === '1') return true;
  throw new InputError(messages.notAllowed(`environment variable ${SKIP_MEMORY_PREFLIGHT_VAR}`, raw, ['1 (skip the memory check)', 'unset']));
}

/** The largest batch below `batchSize` whose estimate fits `limitBytes` (0: none does). */
export function largestBatchThatFits(estimate: Estimator, check: MemoryCheck, limitBytes: number): number {
  for (let b = check.batchSize - 1; b >= 1; b--) {
    if (estimate(check.config, { batchSize: b, tenCrop: check.tenCrop }).heapBytes <= limitBytes) return b;
  }
  return 0;
}

/** The problem with one run on `engine`, or null when it fits (or the engine has no known limit). */
export function memoryProblem(check: MemoryCheck, engine: EngineName): string | null {
  const estimate = ESTIMATORS[engine];
  const limitBytes = engineMemoryLimitBytes(engine);
  if (estimate === undefined || limitBytes === null) return null;
  const { heapBytes, peak } = estimate(check.config, { batchSize: check.batchSize, tenCrop: check.tenCrop });
  if (heapBytes <= limitBytes) return null;
  const during = peak.phase === 'ten-patch evaluation' ? ` for its ten-patch evaluation, ${10 * check.batchSize} crops in one pass` : '';
  return messages.memoryTooLarge({
    where: check.where, batchSize: check.batchSize, needsBytes: heapBytes, engine, limitBytes, during,
    largestBatch: largestBatchThatFits(estimate, check, limitBytes),
  });
}

/**
 * Throws an InputError naming every run that does not fit on `engine` (one line each, the
 * same problem once). `onSkip` hears why nothing was checked when the check is skipped.
 */
export function checkMemory(checks: readonly MemoryCheck[], engine: EngineName, onSkip: (note: string) => void): void {
  if (memoryPreflightSkipped()) {
    if (ESTIMATORS[engine] !== undefined) onSkip(`memory check skipped (${SKIP_MEMORY_PREFLIGHT_VAR}=1): a run too large for ${engine} fails when it runs out`);
    return;
  }
  const problems = [...new Set(checks.map((c) => memoryProblem(c, engine)).filter((p): p is string => p !== null))];
  if (problems.length) throw new InputError(problems.join('\n'));
}

/**
 * useEngine with the check: before the engine starts when it is named (a refusal costs no
 * start-up), after `auto` has picked it otherwise.
 */
export async function useCheckedEngine(requested: EngineName | 'auto', checks: readonly MemoryCheck[], onSkip: (note: string) => void): Promise<ActiveEngine> {
  if (requested !== 'auto') checkMemory(checks, requested, onSkip);
  const engine = await useEngine(requested);
  if (requested === 'auto') checkMemory(checks, engine.name, onSkip);
  return engine;
}
