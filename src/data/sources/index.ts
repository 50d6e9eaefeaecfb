/**
 * The data source registry: every `dataset.format` an experiment can name. The experiment
 * types (and so experiments/schema.json), resolution and loading all come from this list;
 * a new source is one module beside this one and one entry here (docs/ARCHITECTURE.md,
 * "Adding a data source").
 */
import { InputError } from '../../core/errors.js';
import type { ImageDataset } from '../dataset.js';
import { dataMessages as m } from '../messages.js';
import { cifar10Source } from './cifar10.js';
import { fashionMnistSource } from './fashion-mnist.js';
import { imagenetFolderSource } from './imagenet-folder.js';
import type { DataSource, LoadOptions, ResolvedOf, SpecOf } from './source.js';
import { syntheticSource } from './synthetic.js';

/** In the order the schema and its messages list the formats. */
export const DATA_SOURCES = [syntheticSource, fashionMnistSource, cifar10Source, imagenetFolderSource] as const;

type RegisteredSource = (typeof DATA_SOURCES)[number];

// An experiment's `dataset`: the spec of one registered source. (A line comment: a JSDoc
// one would become the schema's description of the union.)
export type DatasetSpec = SpecOf<RegisteredSource>;

/** A dataset spec with every default explicit: what a source loads and what a run id hashes. */
export type ResolvedDataset = ResolvedOf<RegisteredSource>;

export type DatasetFormat = DatasetSpec['format'];

export const DATASET_FORMATS: readonly DatasetFormat[] = Object.freeze(DATA_SOURCES.map((s) => s.format));

/** The formats that offer `dataset.holdout`. */
export const HOLDOUT_FORMATS: readonly DatasetFormat[] = Object.freeze(DATA_SOURCES.filter((s) => s.holdout).map((s) => s.format));

/**
 * The source of a format. Each source handles only its own format's spec and resolved
 * form, which is what the registry pairs it with; the wide type lets one call serve all.
 */
export function dataSource(format: string): DataSource<DatasetSpec, ResolvedDataset> {
  const source = DATA_SOURCES.find((s) => s.format === format);
  if (!source) throw new InputError(m.unknownFormat(format, DATASET_FORMATS));
  return source as unknown as DataSource<DatasetSpec, ResolvedDataset>;
}

/** The spec with every default explicit (reads the folder where the classes are not listed). */
export function resolveDataset(spec: DatasetSpec): ResolvedDataset {
  return dataSource(spec.format).resolve(spec);
}

export async function loadDataset(resolved: ResolvedDataset, opts: LoadOptions = {}): Promise<ImageDataset> {
  return dataSource(resolved.format).load(resolved, opts);
}
