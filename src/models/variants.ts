/**
 * The declared architecture presets, as data: one builder (alexnet.ts), one small config
 * each. A preset fixes only what distinguishes it; everything else comes from the paper's
 * defaults below, and callers override any field (experiment axes, small-image runs).
 *
 * VARIANT_PRESETS is the variant registry: the variant names (here, in the experiment
 * types and so in the schema), `bench models` and `bench perf --variant` all come from its
 * keys, so a new variant is one entry there.
 */
import { InputError } from '../core/errors.js';
import type { AlexNetConfig, LrnConfig } from './config.js';
import { validateConfig } from './geometry.js';
import { PAPER_LRN } from './lrn.js';
import { NORMALIZATIONS, isNormalization, type NormalizationName } from './normalizations.js';

/** The fields a preset must declare; the rest come from VARIANT_DEFAULTS. */
export type VariantFields = Pick<AlexNetConfig, 'layout' | 'dropoutPlacement' | 'towers' | 'kernels' | 'fcUnits' | 'normalization' | 'lrn' | 'stem' | 'inputSize'>;

export interface VariantPreset {
  description: string;
  /** The fields above, and any default a preset departs from (e.g. no dropout). */
  config: Readonly<VariantFields & Partial<AlexNetConfig>>;
}

/** Any AlexNetConfig field, plus widthFactor: scales kernels and fcUnits (see scaleWidth). */
export type VariantOverrides = Partial<AlexNetConfig> & { widthFactor?: number };

/**
 * Defaults shared by every preset: ReLU (section 3.1), dropout 0.5 (section 4.2),
 * overlapping pooling z=3, s=2 (section 3.4), 1000 ILSVRC classes (section 2), biases 1
 * in conv2/4/5 and fc6/7 and weights N(0, 0.01) (section 5).
 */
export const VARIANT_DEFAULTS: Readonly<Omit<AlexNetConfig, keyof VariantFields>> = Object.freeze({
  activation: 'relu',
  dropout: 0.5,
  pool: { size: 3, stride: 2 },
  classes: 1000,
  positiveBias: 1,
  initStd: 0.01,
});

/** Conv1 of the paper (section 3.5): 11x11 kernels, stride 4; no padding at 227 px. */
const PAPER_STEM = () => ({ kernelSize: 11, stride: 4, padding: 0 });
/** fc6 and fc7 "have 4096 neurons each" (section 3.5). */
const PAPER_FC = (): [number, number] => [4096, 4096];

/** Freezes nested objects too: presets are shared, read-only data. */
function deepFreeze<T extends object>(value: T): Readonly<T> {
  for (const v of Object.values(value)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(value);
}

/** The variant registry, in display order (`bench models`, messages). */
export const VARIANT_PRESETS = deepFreeze({
  paper: {
    description: 'The paper\'s two-tower net (section 3.5, figure 2): 96-256-384-384-256 kernels, ' +
      'conv2/4/5 grouped, LRN, 11x11/4 stem, 227 px input.',
    config: {
      layout: 'alexnet',
      // The paper and Caffe's bvlc_alexnet: fc6 -> relu6 -> drop6 -> fc7 -> relu7 -> drop7 -> fc8.
      dropoutPlacement: 'fc-outputs',
      towers: 2,
      kernels: [96, 256, 384, 384, 256],
      fcUnits: PAPER_FC(),
      normalization: 'lrn',
      lrn: { ...PAPER_LRN },
      stem: PAPER_STEM(),
      // 224 in the paper's text, but (227 - 11) / 4 + 1 = 55 is the size figure 2 shows.
      inputSize: 227,
    },
  },
  'paper-one-tower': {
    description: 'The paper\'s one-GPU comparison net (section 3.2): half the kernels in each conv ' +
      'layer except the last, 48-128-192-192-256, one tower, LRN, fc 4096.',
    config: {
      layout: 'alexnet',
      dropoutPlacement: 'fc-outputs',
      towers: 1,
      // Section 3.2 footnote: conv5 (and the FC layers) keep their full size so the two
      // nets have about the same number of parameters.
      kernels: [48, 128, 192, 192, 256],
      fcUnits: PAPER_FC(),
      normalization: 'lrn',
      lrn: { ...PAPER_LRN },
      stem: PAPER_STEM(),
      inputSize: 227,
    },
  },
  owt: {
    description: 'The single-tower net of "One weird trick" / torchvision: 64-192-384-256-256 kernels, ' +
      'no LRN, 11x11/4 stem with padding 2, 224 px input.',
    config: {
      layout: 'alexnet',
      // torchvision: Dropout, Linear(9216, 4096), ReLU, Dropout, Linear(4096, 4096), ReLU, Linear.
      dropoutPlacement: 'fc-inputs',
      towers: 1,
      kernels: [64, 192, 384, 256, 256],
      fcUnits: PAPER_FC(),
      // torchvision's AlexNet has no LRN; experiments can turn the paper's back on.
      normalization: 'none',
      lrn: null,
      // torchvision: Conv2d(3, 64, kernel_size=11, stride=4, padding=2); 224 px -> 55x55.
      stem: { kernelSize: 11, stride: 4, padding: 2 },
      inputSize: 224,
    },
  },
  'four-layer': {
    description: 'The paper\'s CIFAR-10 net (figure 1, and the section 3.3 claim that LRN lowers its error ' +
      'from 13% to 11%), after cuda-convnet\'s layers-18pct: three 5x5 conv layers of 32-32-64 kernels, ' +
      'each followed by 3/2 pooling, one dense layer to the logits; no LRN, no dropout, 32 px input.',
    config: {
      layout: 'four-layer',
      // No hidden dense layer, so dropout acts nowhere; declared as the paper's.
      dropoutPlacement: 'fc-outputs',
      towers: 1,
      kernels: [32, 32, 64],
      fcUnits: [],
      normalization: 'none',
      lrn: null,
      stem: { kernelSize: 5, stride: 1, padding: 2 },
      inputSize: 32,
      // layers-18pct has no dropout, and this layout no hidden dense layer to drop from.
      dropout: 0,
    },
  },
} satisfies Record<string, VariantPreset>);

export type ModelVariantName = keyof typeof VARIANT_PRESETS;

/** The declared variants, in display order. */
export const MODEL_VARIANTS = Object.freeze(Object.keys(VARIANT_PRESETS)) as readonly ModelVariantName[];

export function isModelVariant(name: string): name is ModelVariantName {
  return (MODEL_VARIANTS as readonly string[]).includes(name);
}

/**
 * Multiplies every conv kernel count and FC width by `widthFactor`, rounded. Every conv
 * count stays a positive multiple of `towers` (at least 1 kernel per tower): in AlexNet
 * conv2/4/5 are grouped, and conv1/conv3 feed a grouped layer that splits their output.
 */
export function scaleWidth(
  kernels: readonly number[],
  fcUnits: readonly number[],
  widthFactor: number,
  towers: number,
): { kernels: number[]; fcUnits: number[] } {
  if (!(Number.isFinite(widthFactor) && widthFactor > 0)) {
    throw new InputError(`widthFactor: ${widthFactor} is not allowed; use a number > 0`);
  }
  const perTower = (k: number) => towers * Math.max(1, Math.round((k * widthFactor) / towers));
  const units = (u: number) => Math.max(1, Math.round(u * widthFactor));
  return { kernels: kernels.map(perTower), fcUnits: fcUnits.map(units) };
}

/** A deep copy, so that no caller can change a preset (or another caller's config). */
function copyConfig(c: AlexNetConfig): AlexNetConfig {
  return {
    ...c,
    lrn: c.lrn === null ? null : { ...c.lrn },
    pool: { ...c.pool },
    kernels: [...c.kernels],
    fcUnits: [...c.fcUnits],
    stem: { ...c.stem },
  };
}

/**
 * LRN's parameters for a config with this normalization: those given, else the preset's,
 * else the paper's when the normalization uses them, else null.
 */
function lrnFor(normalization: NormalizationName, preset: VariantFields, given: Partial<AlexNetConfig>): LrnConfig | null {
  if (given.lrn !== undefined) return given.lrn;
  if (!isNormalization(normalization) || !NORMALIZATIONS[normalization].usesLrn) return null;
  return preset.lrn ?? { ...PAPER_LRN };
}

/**
 * The full config of a declared variant: defaults, then the preset, then `overrides`
 * (undefined values are ignored), then widthFactor if given. A normalization override
 * brings LRN's parameters along (the paper's) or drops them. Validated structurally;
 * spatial collapse is checked by outputShapes / buildAlexNet, which know the input size.
 */
export function variantConfig(name: ModelVariantName, overrides: VariantOverrides = {}): AlexNetConfig {
  if (!isModelVariant(name)) {
    throw new InputError(`model variant: "${String(name)}" is not declared; use ${MODEL_VARIANTS.map((v) => `"${v}"`).join(', ')}`);
  }
  const { widthFactor, ...fields } = overrides;
  const defined: Partial<AlexNetConfig> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const preset: VariantFields = VARIANT_PRESETS[name].config;
  const normalization = defined.normalization ?? preset.normalization;
  const lrn = lrnFor(normalization, preset, defined);
  const config = copyConfig({ ...VARIANT_DEFAULTS, ...preset, ...defined, normalization, lrn } as AlexNetConfig);
  if (widthFactor !== undefined) Object.assign(config, scaleWidth(config.kernels, config.fcUnits, widthFactor, config.towers));
  validateConfig(config);
  return config;
}
