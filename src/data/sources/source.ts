/**
 * What a data source is: one `dataset.format` of the experiment files, with its spec (the
 * JSON an experiment writes), its resolved form (every default explicit: what a run id
 * hashes and what the loader reads) and its loader. index.ts lists the sources.
 */
import type { ImageDataset } from '../dataset.js';

/** Preprocessing every source shares (paper section 2: mean subtraction only). */
export interface Preprocessing {
  /**
   * Multiplies the mean-subtracted pixels (0..255 scale) before they reach the net. The
   * paper feeds that scale unchanged (1), which its N(0, 0.01) init assumes; narrow
   * small-scale nets train better near unit scale (e.g. 0.02).
   * @exclusiveMinimum 0
   * @default 1
   */
  pixelScale?: number;
}

export const PREPROCESSING_DEFAULTS = Object.freeze({ pixelScale: 1 });

/**
 * What every resolved data set states, even where the format fixes it: the model
 * resolution needs the class count and image size.
 */
export interface ResolvedCommon {
  classes: number;
  /** Side of the square images the source delivers, in pixels. */
  imageSize: number;
  pixelScale: number;
}

export interface LoadOptions {
  /** Cache folder: decoded images (imagenet-folder) and mean images (fashion-mnist, cifar10); absent: no cache. */
  cacheDir?: string;
  /** Decoding progress (imagenet-folder). */
  onProgress?: (done: number, total: number) => void;
}

/** The class count and image size every data set of a format has. */
export interface FixedGeometry {
  classes: number;
  imageSize: number;
}

/**
 * One data source. `Spec` must be a named, exported interface with its JSDoc schema tags:
 * scripts/schema.ts puts it into experiments/schema.json as it is.
 */
export interface DataSource<Spec extends Preprocessing & { format: string }, Resolved extends ResolvedCommon & { format: Spec['format'] }> {
  /** `dataset.format` in experiment files. */
  readonly format: Spec['format'];
  /**
   * Whether the spec takes `holdout` (images never trained on, the split "holdout"). A test
   * checks it against the schema; validation names the formats that have it.
   */
  readonly holdout: boolean;
  /** The values resolve() gives omitted keys: the spec's @default tags say the same (a test checks). */
  readonly defaults: Readonly<Partial<Spec>>;
  /** Present where the format fixes the class count and image size. */
  readonly geometry?: Readonly<FixedGeometry>;
  /**
   * The spec with every default explicit. Paths stay as written (relative ones are relative
   * to the working directory, like command-line arguments), so a moved data folder is a
   * different run id.
   */
  resolve(spec: Spec): Resolved;
  /** Reads or generates the data set; its fingerprint covers exactly what was read or generated. */
  load(resolved: Resolved, opts: LoadOptions): Promise<ImageDataset>;
}

/** The experiment spec type of a source (the registry's DatasetSpec is the union over all). */
export type SpecOf<S> = S extends DataSource<infer Spec, infer _Resolved> ? Spec : never;

/** The resolved type of a source. */
export type ResolvedOf<S> = S extends DataSource<infer _Spec, infer Resolved> ? Resolved : never;
