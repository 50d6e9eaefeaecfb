/**
 * Puts the project's kernels into a tfjs backend in place of the stock ones, the same way
 * for every backend. The stock configs are kept: an override hands the calls it cannot
 * take back to the kernel it replaced (with one notice per kernel when the call is
 * slower there), and restoreStockKernels() puts the stock kernels back (for stock-vs-ours
 * benchmarks). tfjs's kernel registry is process-wide, so installing is idempotent.
 */
import * as tf from '@tensorflow/tfjs-core';

export type KernelArgs = Parameters<tf.KernelFunc>[0];
export type KernelResult = ReturnType<tf.KernelFunc>;

/** The kernel an override replaced, as the override sees it. */
export interface StockKernel {
  /** Run the replaced kernel, silently (work the override delegates as part of its plan). */
  run(args: KernelArgs): KernelResult;
  /** Run it for a call the override cannot take; the first time per kernel, say why on stderr. */
  fallback(why: string, args: KernelArgs): KernelResult;
}

export interface KernelOverride {
  kernelName: string;
  ours(args: KernelArgs, stock: StockKernel): KernelResult;
  /**
   * For a kernel the backend lacks: registered only where the backend has none (a stock
   * one, should it ever ship, is kept), and with no stock kernel to fall back to.
   */
  addition?: boolean;
}

/** One backend's overrides. */
export interface KernelOverrides {
  backendName: string;
  /** The one-time fallback notice (kernelNotices in core/errors.ts). */
  notice(kernelName: string, why: string): string;
  list: readonly KernelOverride[];
}

/** The stock config each installed override replaced (null for an addition), by backend and kernel. */
const installed = new Map<string, tf.KernelConfig | null>();
const noticed = new Set<string>();

const keyOf = (backendName: string, kernelName: string): string => `${backendName}/${kernelName}`;

function stockKernel(overrides: KernelOverrides, kernelName: string, config: tf.KernelConfig | null): StockKernel {
  const run = (args: KernelArgs): KernelResult => {
    if (config === null) throw new Error(`${overrides.backendName} ${kernelName}: tfjs has no stock kernel to fall back to`);
    return config.kernelFunc(args);
  };
  return {
    run,
    fallback(why, args) {
      const key = keyOf(overrides.backendName, kernelName);
      // WHY stderr and once: a fallback is slower, never wrong; one line explains a slow step.
      if (!noticed.has(key)) {
        noticed.add(key);
        console.warn(overrides.notice(kernelName, why));
      }
      return run(args);
    },
  };
}

/**
 * Register the overrides (only those named in `only`, when given; tests and benchmarks
 * compare one kernel at a time). Needs the backend's package imported (its stock kernels
 * registered).
 */
export function installKernelOverrides(overrides: KernelOverrides, only?: readonly string[]): void {
  const { backendName } = overrides;
  for (const o of overrides.list) {
    if (only !== undefined && !only.includes(o.kernelName)) continue;
    const key = keyOf(backendName, o.kernelName);
    if (installed.has(key)) continue;
    const stock = tf.getKernel(o.kernelName, backendName) ?? null;
    if (o.addition === true) {
      if (stock !== null) continue;
    } else {
      if (stock === null) throw new Error(`tfjs-backend-${backendName} registered no ${o.kernelName}; import it before registering kernels`);
      tf.unregisterKernel(o.kernelName, backendName);
    }
    installed.set(key, stock);
    const handle = stockKernel(overrides, o.kernelName, stock);
    // setupFunc: a stock kernel may bind its native function in setup (the wasm ones do);
    // if the backend initialises after this swap, the engine runs setup through our config.
    tf.registerKernel({ kernelName: o.kernelName, backendName, kernelFunc: (args) => o.ours(args, handle), setupFunc: stock?.setupFunc });
  }
}

/** Put the stock kernels back in place of the installed overrides (additions are removed). */
export function restoreStockKernels(overrides: KernelOverrides): void {
  const { backendName } = overrides;
  for (const o of overrides.list) {
    const key = keyOf(backendName, o.kernelName);
    if (!installed.has(key)) continue;
    const stock = installed.get(key);
    installed.delete(key);
    tf.unregisterKernel(o.kernelName, backendName);
    if (stock !== null && stock !== undefined) tf.registerKernel(stock);
  }
}
