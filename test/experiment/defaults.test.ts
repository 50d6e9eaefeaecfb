import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_SOURCES } from '../../src/data/index.js';
import { PAPER_LRN_PARAMS } from '../../src/models/lrn.js';
import { VARIANT_DEFAULTS } from '../../src/models/variants.js';
import {
  DATASET_DEFAULTS, DEFAULT_SCHEDULE_TYPE, EVALUATION_DEFAULTS, MODEL_DEFAULTS, POOLING_GEOMETRY, SCHEDULE_DEFAULTS, TRAINING_DEFAULTS,
} from '../../src/experiment/defaults.js';
import { MATRIX_AXES } from '../../src/experiment/matrix.js';

type Node = { [key: string]: unknown };

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const schema = JSON.parse(readFileSync(join(repoRoot, 'experiments/schema.json'), 'utf8')) as { $defs: Record<string, Node> };

/** The @default of every property of a $defs entry that has one. */
function documentedDefaults(name: string): Node {
  const properties = schema.$defs[name].properties as Record<string, Node>;
  return Object.fromEntries(Object.entries(properties).filter(([, p]) => 'default' in p).map(([k, p]) => [k, p.default]));
}

t.test('the @default tags in types.ts are the defaults the resolver applies', async (t) => {
  t.same(documentedDefaults('SyntheticDatasetSpec'), DATASET_DEFAULTS);
  t.same(documentedDefaults('TrainingSpec'), { ...TRAINING_DEFAULTS, schedule: { type: DEFAULT_SCHEDULE_TYPE } });
  t.same(documentedDefaults('PlateauSchedule'), SCHEDULE_DEFAULTS.plateau);
  t.same(documentedDefaults('StepSchedule'), SCHEDULE_DEFAULTS.step);
  t.same(documentedDefaults('EvaluationSpec'), EVALUATION_DEFAULTS);
  t.same(documentedDefaults('LrnSpec'), PAPER_LRN_PARAMS);
  const model = documentedDefaults('ModelSpec');
  t.same(model, {
    variant: MODEL_DEFAULTS.variant,
    activation: VARIANT_DEFAULTS.activation,
    pooling: 'overlapping',
    widthFactor: MODEL_DEFAULTS.widthFactor,
    initStd: VARIANT_DEFAULTS.initStd,
    positiveBias: VARIANT_DEFAULTS.positiveBias,
  });
  t.same(POOLING_GEOMETRY[model.pooling as 'overlapping'], VARIANT_DEFAULTS.pool, 'the default pooling is the variants\' pool');
});

t.test('every data source applies the defaults its spec documents', async (t) => {
  const specs = Object.entries(schema.$defs).filter(([, def]) => (def.properties as Record<string, Node> | undefined)?.format?.const !== undefined);
  for (const source of DATA_SOURCES) {
    const found = specs.find(([, def]) => (def.properties as Record<string, Node>).format.const === source.format);
    t.ok(found, `${source.format} has a spec in the schema`);
    if (found) t.same(documentedDefaults(found[0]), source.defaults, `${found[0]}: @default tags = ${source.format}'s defaults`);
  }
});

t.test('matrix axes expand in MatrixSpec declaration order', async (t) => {
  t.same(Object.keys(schema.$defs.MatrixSpec.properties as Node), [...MATRIX_AXES]);
});

t.test('the ImageNet experiments write the paper\'s plateau schedule out in full', async (t) => {
  // Every field written, so the paper's recipe does not move when a default does.
  for (const name of ['alexnet-paper.json', 'ablations.json']) {
    const file = JSON.parse(readFileSync(join(repoRoot, 'experiments/imagenet', name), 'utf8')) as { training: { schedule: Node } };
    // Section 5: divided by 10, three times; patience and threshold are this harness's reading of "stopped improving".
    t.same(file.training.schedule, { type: 'plateau', factor: 0.1, patience: 3, threshold: 0.001, maxReductions: 3 }, name);
  }
});
