/**
 * Grey images expanded to three equal channels. The models take RGB input (the paper's
 * first layer has 3 input channels and PCA colour augmentation needs 3), so grey sources
 * repeat the grey value rather than getting a second model shape.
 */

/** One grey byte per pixel in, three equal bytes per pixel out (HWC). */
export function greyToRgb(grey: Uint8Array): Uint8Array {
  const rgb = new Uint8Array(grey.length * 3);
  for (let p = 0, o = 0; p < grey.length; p++, o += 3) {
    const v = grey[p];
    rgb[o] = v;
    rgb[o + 1] = v;
    rgb[o + 2] = v;
  }
  return rgb;
}
