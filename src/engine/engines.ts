/**
 * The engine registry: which tfjs backends this machine can run, and switching to one.
 * The engines are the drivers in drivers/driver-table.ts.
 *
 * Probing initialises a backend to learn about it (tfjs keeps initialised backends) but
 * leaves the previously active backend active; with none active before, the last probed
 * one stays selected. useEngine() is what commits to an engine.
 */
import { InputError, messages } from '../core/errors.js';
import { preservingBackend } from './drivers/backend-switch.js';
import { DRIVERS, ENGINE_NAMES, type EngineName } from './drivers/driver-table.js';
import type { EngineDriver, ProbeResult } from './drivers/driver-types.js';
import { releaseWebgpu } from './drivers/webgpu-driver.js';
import type { ActiveEngine, EngineStatus } from './engine-types.js';
import { ensureGradients } from './gradients.js';
import { pickAuto } from './auto-pick.js';

export { ENGINE_NAMES, type EngineName } from './drivers/driver-table.js';
export type { ActiveEngine, EngineStatus } from './engine-types.js';
export { pickAuto } from './auto-pick.js';
export { formatDoctor } from './doctor.js';

/** What --engine accepts: 'auto', then every engine in table order. */
export const ENGINE_CHOICES: readonly string[] = Object.freeze(['auto', ...ENGINE_NAMES]);

function driverFor(name: string): EngineDriver<EngineName> {
  const driver = DRIVERS.find((d) => d.name === name);
  if (driver === undefined) throw new InputError(messages.unknownEngine(name, ENGINE_CHOICES));
  return driver;
}

async function probeDriver(driver: EngineDriver): Promise<ProbeResult> {
  try {
    return await preservingBackend(() => driver.probe());
  } catch (err) {
    // Bad input (e.g. a malformed BENCH_WASM_THREADS) is the user's to fix, not a finding.
    if (err instanceof InputError) throw err;
    // A probe that throws is a finding about this machine, not a harness failure.
    return { usable: false, why: `probe failed: ${(err as Error).message}`, fix: 'use --engine wasm', rank: 0 };
  }
}

function toStatus(driver: EngineDriver<EngineName>, p: ProbeResult): EngineStatus {
  const reason = p.fix === '' ? p.why : `${p.why}; ${p.fix}`;
  return { name: driver.name, usable: p.usable, version: p.version, device: p.device, reason, rank: p.rank, bitExact: driver.bitExact };
}

/** Whether `name` can run here, and what it would be. Throws InputError for an unknown name. */
export async function probeEngine(name: EngineName): Promise<EngineStatus> {
  const driver = driverFor(name);
  return toStatus(driver, await probeDriver(driver));
}

/** Every engine, in driver-table order (for `bench doctor`). Probed one at a time. */
export async function probeEngines(): Promise<EngineStatus[]> {
  const out: EngineStatus[] = [];
  for (const driver of DRIVERS) out.push(toStatus(driver, await probeDriver(driver)));
  return out;
}

/**
 * Make `requested` tfjs's backend (registering the project's kernels and tfjs's gradients).
 * Throws InputError when the name is unknown or the engine cannot run here, saying what is
 * missing and how to get it.
 */
export async function useEngine(requested: EngineName | 'auto'): Promise<ActiveEngine> {
  let driver: EngineDriver<EngineName>;
  let note = '';
  if (requested === 'auto') {
    const auto = pickAuto(await probeEngines());
    if (auto === null) throw new InputError(messages.engineUnavailable('auto', 'no engine is usable here', 'run `bench doctor` for the reasons'));
    driver = driverFor(auto.pick.name);
    note = auto.note;
  } else {
    driver = driverFor(requested);
    const probe = await probeDriver(driver);
    if (!probe.usable) throw new InputError(messages.engineUnavailable(driver.name, probe.why, probe.fix || 'run `bench doctor`'));
  }
  await ensureGradients().catch((err: Error) => {
    throw new InputError(messages.engineUnavailable(driver.name, err.message, 'reinstall the project (npm ci)'));
  });
  try {
    const { version, device } = await driver.activate();
    return { name: driver.name, version, device, note };
  } catch (err) {
    throw new InputError(messages.engineUnavailable(driver.name, `it failed to start (${(err as Error).message})`, 'use --engine wasm'));
  }
}

/** The engine's fixed memory limit in bytes (the wasm heap), or null where none is known before a run. */
export function engineMemoryLimitBytes(name: EngineName): number | null {
  return driverFor(name).memoryLimitBytes;
}

/** Release what keeps Node alive (Dawn's GPU instance). Call once when the run is over. */
export function releaseEngines(): void {
  releaseWebgpu();
}
