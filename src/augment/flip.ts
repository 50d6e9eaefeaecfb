/**
 * Horizontal reflection (paper section 4.1: patches "and their horizontal reflections").
 * The crop copy (random-crop.ts) mirrors while copying; these helpers are for drawing the
 * decision and for mirroring an HWC buffer that is already built.
 */
import type { Stream } from '../core/rng.js';

/** Mirror with probability 0.5; draws exactly one value. */
export function drawFlip(stream: Stream): boolean {
  return stream.next() < 0.5;
}

/** Mirrors an HWC image (any channel count) left-right in place. */
export function flipHorizontalInPlace(
  pixels: Float32Array | Uint8Array,
  { heightPx, widthPx, channels }: { heightPx: number; widthPx: number; channels: number },
): void {
  for (let y = 0; y < heightPx; y++) {
    const row = y * widthPx * channels;
    for (let x = 0; x < Math.floor(widthPx / 2); x++) {
      const a = row + x * channels;
      const b = row + (widthPx - 1 - x) * channels;
      for (let c = 0; c < channels; c++) {
        const t = pixels[a + c];
        pixels[a + c] = pixels[b + c];
        pixels[b + c] = t;
      }
    }
  }
}
