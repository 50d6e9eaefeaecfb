/**
 * An experiment's model spec, with one matrix point applied, -> a full AlexNetConfig via
 * the variant presets. The checks here need the variant's defaults (towers, input size),
 * which the validate stage does not know; their problems point at the file location
 * that set the offending value (/model/... or /matrix/<axis>/<i>, /matrix/<grid>/<axis>/<i>).
 */
import { BenchError } from '../core/errors.js';
import type { AlexNetConfig, LrnConfig } from '../models/config.js';
import { outputShapes } from '../models/geometry.js';
import { LAYOUTS } from '../models/layouts.js';
import { PAPER_LRN_PARAMS, lrnConfig } from '../models/lrn.js';
import { NORMALIZATIONS } from '../models/normalizations.js';
import { VARIANT_PRESETS, variantConfig, type VariantOverrides } from '../models/variants.js';
import { MODEL_DEFAULTS, POOLING_GEOMETRY } from './defaults.js';
import { axisPointer, type MatrixAxis, type MatrixPoint } from './matrix.js';
import { validationMessages as m } from './messages.js';
import type { LrnSpec, ModelSpec, ModelVariant, Normalization } from './types.js';

/** A problem before its file is known: `text` gets the `where` ("file: pointer"). */
export interface ModelProblem {
  pointer: string;
  text: (where: string) => string;
  /** True when the problem exists only for some matrix variants (the message names them). */
  perVariant: boolean;
}

export interface ModelResult {
  config?: AlexNetConfig;
  /** The declared variant the config was built from and the width factor applied to it. */
  preset?: ModelPreset;
  problems: ModelProblem[];
}

/** Where a resolved model came from: descriptive only (reports name the net by it). */
export interface ModelPreset {
  variant: ModelVariant;
  widthFactor: number;
}

export interface ModelContext {
  spec: ModelSpec;
  point: MatrixPoint;
  classes: number;
  imageSize: number;
}

/** The paper's LRN parameters with the given ones replaced, and the per-term alpha they give. */
export function resolveLrn(lrn: LrnSpec): LrnConfig {
  return lrnConfig({ ...PAPER_LRN_PARAMS, ...lrn });
}

/** Where a model setting came from: its matrix value when the point's grid sets it, else /model/<key>. */
function pointerOf(ctx: ModelContext, axis: MatrixAxis, key: keyof ModelSpec): string {
  return axisPointer(ctx.point, axis) ?? `/model/${key}`;
}

/** The point's normalization: its matrix value, the file's, else the variant's own. */
function normalizationOf(ctx: ModelContext, variant: ModelVariant): Normalization {
  return ctx.point.axes.normalization ?? ctx.spec.normalization ?? VARIANT_PRESETS[variant].config.normalization;
}

/**
 * LRN's parameters apply when the point's normalization uses them. Given while it does
 * not, they would be silently ignored: a problem, unless the normalization axis of the
 * matrix chose it (then they apply to that axis's LRN points only).
 */
function lrnProblems(ctx: ModelContext, variant: ModelVariant): ModelProblem[] {
  const { spec, point } = ctx;
  if ((point.axes.lrn ?? spec.lrn) === undefined || point.indices.normalization !== undefined) return [];
  const normalization = normalizationOf(ctx, variant);
  if (NORMALIZATIONS[normalization].usesLrn) return [];
  const from = spec.normalization === undefined ? m.variantDefault(variant) : '/model/normalization';
  return [{ pointer: pointerOf(ctx, 'lrn', 'lrn'), perVariant: true, text: (w) => m.lrnWithoutLrnNormalization(w, normalization, from) }];
}

function overridesOf(ctx: ModelContext, variant: ModelVariant): VariantOverrides {
  const { spec, point } = ctx;
  const axes = point.axes;
  const normalization = normalizationOf(ctx, variant);
  const lrn = axes.lrn ?? spec.lrn;
  const pooling = axes.pooling ?? spec.pooling;
  // Undefined fields keep the variant's own value (variantConfig ignores them).
  return {
    activation: axes.activation ?? spec.activation,
    normalization,
    lrn: lrn === undefined || !NORMALIZATIONS[normalization].usesLrn ? undefined : resolveLrn(lrn),
    towers: axes.towers ?? spec.towers,
    dropout: axes.dropout ?? spec.dropout,
    pool: pooling === undefined ? undefined : { ...POOLING_GEOMETRY[pooling] },
    kernels: spec.kernels ? [...spec.kernels] : undefined,
    fcUnits: spec.fcUnits ? [...spec.fcUnits] : undefined,
    inputSize: spec.inputSize,
    stem: spec.stem ? { ...spec.stem } : undefined,
    classes: ctx.classes,
    widthFactor: axes.widthFactor ?? spec.widthFactor,
    initStd: axes.initStd ?? spec.initStd,
    positiveBias: spec.positiveBias,
  };
}

function inputSizeProblems(ctx: ModelContext, variant: ModelVariant): ModelProblem[] {
  const { spec, imageSize } = ctx;
  if (spec.inputSize !== undefined) {
    if (spec.inputSize <= imageSize) return [];
    const inputSize = spec.inputSize;
    return [{ pointer: '/model/inputSize', perVariant: false, text: (w) => m.inputSizeTooLarge(w, inputSize, imageSize) }];
  }
  const defaultPx = VARIANT_PRESETS[variant].config.inputSize;
  if (defaultPx <= imageSize) return [];
  const pointer = ctx.point.indices.variant !== undefined || spec.variant !== undefined ? pointerOf(ctx, 'variant', 'variant') : '/model';
  return [{ pointer, perVariant: false, text: (w) => m.inputSizeDefaultTooLarge(w, variant, defaultPx, imageSize) }];
}

function kernelProblems(ctx: ModelContext, variant: ModelVariant): ModelProblem[] {
  const kernels = ctx.spec.kernels;
  const given = ctx.point.axes.towers ?? ctx.spec.towers;
  const towers = given ?? VARIANT_PRESETS[variant].config.towers;
  if (!kernels) return [];
  const from = given === undefined ? m.variantDefault(variant) : pointerOf(ctx, 'towers', 'towers');
  return kernels.flatMap((k, i) =>
    k % towers === 0 ? [] : [{ pointer: `/model/kernels/${i}`, perVariant: false, text: (w: string) => m.kernelsNotDivisible(w, k, towers, from) }],
  );
}

/** `kernels` and `fcUnits` give one count per conv and per hidden dense layer of the variant's layout. */
function countProblems(ctx: ModelContext, variant: ModelVariant): ModelProblem[] {
  const preset = VARIANT_PRESETS[variant].config;
  const layout = LAYOUTS[preset.layout];
  const check = (key: 'kernels' | 'fcUnits', layers: readonly string[], kind: string): ModelProblem[] => {
    const given = ctx.spec[key];
    if (given === undefined || given.length === layers.length) return [];
    const count = given.length;
    return [{ pointer: `/model/${key}`, perVariant: true, text: (w) => m.layerCount(w, { count, variant, layout: preset.layout, layers, kind }) }];
  };
  return [...check('kernels', layout.convs.map((c) => c.name), 'conv'), ...check('fcUnits', layout.hidden.map((d) => d.name), 'hidden dense')];
}

/**
 * The point's AlexNetConfig, or the problems that prevent it. Geometry is checked here
 * (outputShapes) so that a stem too large for the input fails at validation, not after
 * the data set is generated.
 */
export function resolveModel(ctx: ModelContext): ModelResult {
  const variant = ctx.point.axes.variant ?? ctx.spec.variant ?? MODEL_DEFAULTS.variant;
  const problems = [...inputSizeProblems(ctx, variant), ...countProblems(ctx, variant), ...kernelProblems(ctx, variant), ...lrnProblems(ctx, variant)];
  if (problems.length) return { problems };
  try {
    const overrides = overridesOf(ctx, variant);
    const config = variantConfig(variant, overrides);
    outputShapes(config);
    return { config, preset: { variant, widthFactor: overrides.widthFactor ?? MODEL_DEFAULTS.widthFactor }, problems: [] };
  } catch (e) {
    if (!(e instanceof BenchError)) throw e;
    const reason = e.message;
    return { problems: [{ pointer: '/model', perVariant: true, text: (w) => m.badModel(w, reason) }] };
  }
}
