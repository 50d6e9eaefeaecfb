/**
 * The augment spec with every default explicit, one matrix point applied: the lighting
 * eigen-pairs are written out in full so a run's record says exactly what it used.
 */
import { imagenetLighting, type LightingConfig, type Mat3, type Vec3 } from '../augment/pca-lighting.js';
import type { AugmentSpec, LightingSpec } from './augment-types.js';
import type { AxisValues } from './matrix.js';

export interface ResolvedAugment {
  randomCrop: boolean;
  flip: boolean;
  lighting: LightingConfig | null;
}

/** true: the paper's sigma 0.1 with the ImageNet eigen-pairs; an object: those, with its values replaced. */
export function resolveLighting(lighting: boolean | LightingSpec | undefined): LightingConfig | null {
  if (lighting === undefined || lighting === false) return null;
  const base = imagenetLighting();
  if (lighting === true) return base;
  return {
    sigma: lighting.sigma ?? base.sigma,
    eigenvalues: (lighting.eigenvalues?.slice(0, 3) as Vec3 | undefined) ?? base.eigenvalues,
    eigenvectors: (lighting.eigenvectors?.slice(0, 3).map((v) => v.slice(0, 3)) as Mat3 | undefined) ?? base.eigenvectors,
  };
}

export function resolveAugment(spec: AugmentSpec | undefined, axes: AxisValues = {}): ResolvedAugment {
  return {
    randomCrop: axes.randomCrop ?? spec?.randomCrop ?? false,
    flip: axes.flip ?? spec?.flip ?? false,
    lighting: resolveLighting(axes.lighting ?? spec?.lighting),
  };
}
