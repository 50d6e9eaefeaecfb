/**
 * A seeded synthetic colour image set for smoke runs and tests: no download, any size and
 * class count, and class-dependent structure that a convnet can learn but a single pixel
 * cannot give away.
 *
 * Each class owns an oriented sinusoidal grating (orientation, spatial frequency) and a
 * colour direction. An image of class c is that grating with a random phase and contrast,
 * a random brightness offset, and Gaussian pixel noise. Phase and brightness change per
 * image, so the label lives in orientation, frequency and colour: local structure, which
 * is what convolutions see.
 */
import { createHash } from 'node:crypto';
import { createStream, deriveSeed, type Stream } from '../core/rng.js';
import { meanImage, type ImageDataset, type ImageSplit } from './dataset.js';

export interface SyntheticOptions {
  classes: number;
  imageSize: number;
  trainSize: number;
  valSize: number;
  /** Pixel noise standard deviation relative to the grating's amplitude. */
  noise: number;
  dataSeed: number;
  /** Images generated like the validation ones from their own stream, never trained on; null or absent: none. */
  holdout?: number | null;
}

interface ClassPattern {
  cos: number;
  sin: number;
  /** Cycles per pixel. */
  frequency: number;
  colour: [number, number, number];
}

/** Grating amplitude in 0..255 units; with contrast jitter the image stays mostly in range. */
const AMPLITUDE = 60;

function classPatterns(classes: number, stream: Stream): ClassPattern[] {
  const patterns: ClassPattern[] = [];
  for (let c = 0; c < classes; c++) {
    // Orientations spread over half a turn, frequencies over 2..5 cycles per 32 pixels, so
    // neighbouring classes differ in more than one property.
    const angle = (Math.PI * c) / classes + 0.2 * stream.next();
    const frequency = (2 + 3 * ((c * 7) % classes) / classes + 0.3 * stream.next()) / 32;
    const colour: [number, number, number] = [stream.normal(), stream.normal(), stream.normal()];
    const norm = Math.hypot(...colour) || 1;
    patterns.push({
      cos: Math.cos(angle),
      sin: Math.sin(angle),
      frequency,
      colour: [colour[0] / norm, colour[1] / norm, colour[2] / norm].map((v) => 0.5 + 0.5 * Math.abs(v)) as [number, number, number],
    });
  }
  return patterns;
}

function drawImage(out: Uint8Array, offset: number, size: number, p: ClassPattern, noise: number, s: Stream): void {
  const phase = 2 * Math.PI * s.next();
  const contrast = 0.6 + 0.8 * s.next();
  const brightness = 128 + 30 * (s.next() - 0.5);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const wave = Math.sin(2 * Math.PI * p.frequency * (x * p.cos + y * p.sin) + phase);
      const base = offset + (y * size + x) * 3;
      for (let ch = 0; ch < 3; ch++) {
        const v = brightness + AMPLITUDE * (contrast * wave * p.colour[ch] + noise * s.normal());
        out[base + ch] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
      }
    }
  }
}

/** What makeSplit allocates per image: uint8 RGB pixels and one int32 label. */
export function syntheticImageBytes(imageSize: number): { pixelBytes: number; labelBytes: number } {
  return { pixelBytes: imageSize * imageSize * 3, labelBytes: Int32Array.BYTES_PER_ELEMENT };
}

function makeSplit(count: number, opts: SyntheticOptions, patterns: ClassPattern[], seed: number): ImageSplit {
  const pixels = syntheticImageBytes(opts.imageSize).pixelBytes;
  const images = new Uint8Array(count * pixels);
  const labels = new Int32Array(count);
  const s = createStream(seed);
  for (let i = 0; i < count; i++) {
    // Balanced classes in a seeded order.
    labels[i] = i % opts.classes;
  }
  for (let i = count - 1; i > 0; i--) {
    const j = s.int(i + 1);
    const t = labels[i];
    labels[i] = labels[j];
    labels[j] = t;
  }
  for (let i = 0; i < count; i++) drawImage(images, i * pixels, opts.imageSize, patterns[labels[i]], opts.noise, s);
  return { images, labels, count };
}

export function syntheticDataset(opts: SyntheticOptions): ImageDataset {
  const patterns = classPatterns(opts.classes, createStream(deriveSeed(opts.dataSeed, 'synthetic', 'classes')));
  const train = makeSplit(opts.trainSize, opts, patterns, deriveSeed(opts.dataSeed, 'synthetic', 'train'));
  const val = makeSplit(opts.valSize, opts, patterns, deriveSeed(opts.dataSeed, 'synthetic', 'val'));
  // Its own stream: adding a holdout leaves the training and validation images as they were.
  const holdout = opts.holdout ? makeSplit(opts.holdout, opts, patterns, deriveSeed(opts.dataSeed, 'synthetic', 'holdout')) : undefined;
  const hash = createHash('sha256');
  // Hashed after the others, so that a set without a holdout keeps its fingerprint.
  for (const split of holdout ? [train, val, holdout] : [train, val]) {
    hash.update(split.images);
    hash.update(new Uint8Array(split.labels.buffer, split.labels.byteOffset, split.labels.byteLength));
  }
  return {
    description: `synthetic ${opts.classes} classes ${opts.imageSize}x${opts.imageSize}`,
    classes: opts.classes,
    height: opts.imageSize,
    width: opts.imageSize,
    channels: 3,
    train,
    val,
    ...(holdout ? { holdout } : {}),
    fingerprint: `sha256:${hash.digest('hex')}`,
    meanImage: meanImage(train, opts.imageSize * opts.imageSize * 3),
  };
}
