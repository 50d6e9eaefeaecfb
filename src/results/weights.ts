/**
 * Final weights in the tfjs save format (model.json + weights.bin with a weightsManifest),
 * so that a finished run can be evaluated again later and read by other tfjs tools.
 * weights.bin holds the trainable weights in their fixed order, then the model's state
 * (batch normalization's running mean and variance, in their fixed order; nothing for a
 * net without batch normalization), each as little-endian float32, so the weight hash (the
 * sha256 of weights.bin) is equal exactly when everything that defines the net is.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { writeFileAtomic, writeJsonAtomic } from '../core/atomic.js';

export interface NamedWeight {
  name: string;
  tensor: tf.Tensor;
}

export interface EncodedWeights {
  bytes: Uint8Array;
  specs: tf.io.WeightsManifestEntry[];
  sha256: string;
}

export async function encodeWeights(weights: ReadonlyArray<NamedWeight>): Promise<EncodedWeights> {
  const { data, specs } = await tf.io.encodeWeights(weights.map(({ name, tensor }) => ({ name, tensor })));
  const bytes = new Uint8Array(data as ArrayBuffer);
  return { bytes, specs, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Writes <dir>/model.json and <dir>/weights.bin; `meta` is stored in model.json's userDefinedMetadata. */
export function saveWeights(dir: string, encoded: EncodedWeights, meta: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomic(join(dir, 'weights.bin'), encoded.bytes);
  writeJsonAtomic(join(dir, 'model.json'), {
    format: 'alexnet-bench-weights',
    generatedBy: 'alexnet-bench',
    weightsManifest: [{ paths: ['weights.bin'], weights: encoded.specs }],
    weightsSha256: encoded.sha256,
    userDefinedMetadata: meta,
  });
}

/** Reads weights saved by saveWeights; the caller owns (disposes) the tensors. */
export function loadWeights(dir: string): tf.NamedTensorMap {
  const manifest = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
    weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
  };
  const group = manifest.weightsManifest[0];
  const buffer = readFileSync(join(dir, group.paths[0]));
  const data = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  return tf.io.decodeWeights(data, group.weights);
}
