/** Helpers for switching tfjs backends without leaving the process in a surprising state. */
import * as tf from '@tensorflow/tfjs-core';

/** The active backend's name, or null when none was chosen yet (reading tf.getBackend() would choose one). */
export function activeBackendName(): string | null {
  return tf.engine().backendName ?? null;
}

/**
 * Run `body`, then make the backend that was active before active again. Probing has to
 * initialise a backend to learn about it (and importing tfjs-node even switches to it);
 * the caller's backend must not change under it. With no backend active before, there is
 * nothing to go back to and whatever `body` selected stays.
 */
export async function preservingBackend<T>(body: () => Promise<T>): Promise<T> {
  const before = activeBackendName();
  try {
    return await body();
  } finally {
    if (before !== null && activeBackendName() !== before) await tf.setBackend(before);
  }
}

/** Set the backend and wait for it; false when its initialisation failed. */
export async function switchTo(name: string): Promise<boolean> {
  const ok = await tf.setBackend(name);
  await tf.ready();
  return ok;
}
