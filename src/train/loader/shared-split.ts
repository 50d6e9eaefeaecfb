/**
 * Worker threads see a data set without copying it per worker: its pixels move once into a
 * SharedArrayBuffer, and each worker maps that same memory. The copy is made once per split
 * object and remembered, so every run and epoch that uses the split reuses it.
 */
import type { ImageSplit } from '../../data/dataset.js';

const sharedCopies = new WeakMap<Uint8Array, Uint8Array>();

/** The split's pixels in shared memory (the same array when they already are). */
export function sharedPixels(split: ImageSplit): Uint8Array {
  if (split.images.buffer instanceof SharedArrayBuffer) return split.images;
  let shared = sharedCopies.get(split.images);
  if (!shared) {
    shared = new Uint8Array(new SharedArrayBuffer(split.images.byteLength));
    shared.set(split.images);
    sharedCopies.set(split.images, shared);
  }
  return shared;
}

/** A float array in shared memory with the same contents (for the mean image). */
export function sharedFloats(values: Float32Array): Float32Array {
  if (values.buffer instanceof SharedArrayBuffer) return values;
  const shared = new Float32Array(new SharedArrayBuffer(values.byteLength));
  shared.set(values);
  return shared;
}
