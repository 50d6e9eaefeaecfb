import t from 'tap';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalJson, resolveExperiment, runId } from '../../src/experiment/resolve.js';
import { validateExperimentFile } from '../../src/experiment/validate.js';
import { resolveProblems, resolveText, small } from '../helpers/resolve.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

t.test('every default is made explicit', async (t) => {
  const r = resolveText({ name: 'defaults', dataset: { format: 'synthetic', imageSize: 227 }, model: {}, training: { epochs: 3 }, seeds: [7] });
  t.same(r, {
    schemaVersion: 1, name: 'defaults', description: '', reference: 'ilsvrc2012-1cnn-val', source: 'x.json',
    runs: [{
      schemaVersion: 1, experiment: 'defaults', variant: 'base', axes: {}, seed: 7,
      preset: { variant: 'paper', widthFactor: 1 },
      dataset: { format: 'synthetic', classes: 10, imageSize: 227, trainSize: 2000, valSize: 500, noise: 0.5, dataSeed: 1, holdout: null, pixelScale: 1 },
      model: {
        layout: 'alexnet', activation: 'relu', normalization: 'lrn', towers: 2, dropout: 0.5, dropoutPlacement: 'fc-outputs', pool: { size: 3, stride: 2 },
        lrn: { k: 2, n: 5, alpha: 1e-4, beta: 0.75, alphaReading: 'formula', effectiveAlpha: 1e-4 },
        kernels: [96, 256, 384, 384, 256], fcUnits: [4096, 4096], inputSize: 227, classes: 10,
        stem: { kernelSize: 11, stride: 4, padding: 0 }, positiveBias: 1, initStd: 0.01,
      },
      training: {
        epochs: 3, batchSize: 128, learningRate: 0.01, momentum: 0.9, weightDecay: 0.0005, logEverySteps: 10, checkpointEverySteps: null,
        schedule: { type: 'plateau', factor: 0.1, patience: 3, maxReductions: 3, threshold: 0.001 }, earlyStopping: false,
      },
      augment: { randomCrop: false, flip: false, lighting: null },
      evaluation: { topK: [1, 5], everyEpochs: 1, tenCrop: false, trainEvalImages: 0 },
    }],
  });
});

t.test('given values replace defaults; model settings map to the config', async (t) => {
  const [run] = resolveText({
    ...small,
    dataset: { format: 'synthetic', classes: 4, noise: 0 },
    model: { ...small.model, normalization: 'lrn', lrn: { k: 1 }, pooling: 'non-overlapping', widthFactor: 0.125, activation: 'tanh', dropout: 0 },
    training: { epochs: 2, schedule: { type: 'step', everyEpochs: 2 }, batchSize: 16 },
    evaluation: { topK: [1], everyEpochs: 2 },
  }).runs;
  t.same(run.dataset, { format: 'synthetic', classes: 4, imageSize: 32, trainSize: 2000, valSize: 500, noise: 0, dataSeed: 1, holdout: null, pixelScale: 1 });
  t.same(run.model.lrn, { k: 1, n: 5, alpha: 1e-4, beta: 0.75, alphaReading: 'formula', effectiveAlpha: 1e-4 }, 'an lrn object is merged over the paper values');
  t.same(run.model.pool, { size: 2, stride: 2 });
  t.same(run.model.kernels, [8, 24, 48, 32, 32], 'widthFactor scales the variant kernels');
  t.same(run.model.fcUnits, [512, 512]);
  t.equal(run.model.dropoutPlacement, 'fc-inputs', 'owt: torchvision\'s placement, recorded');
  t.equal(run.model.classes, 4, 'classes come from the data set');
  t.same([run.model.activation, run.model.dropout, run.model.inputSize], ['tanh', 0, 32]);
  t.same(run.training.schedule, { type: 'step', everyEpochs: 2, factor: 0.1 });
  t.equal(run.training.batchSize, 16);
  t.same(run.evaluation, { topK: [1], everyEpochs: 2, tenCrop: false, trainEvalImages: 0 });
  const fourClasses = resolveText({ ...small, dataset: { format: 'synthetic', classes: 4 } }).runs[0];
  t.same(fourClasses.evaluation.topK, [1], 'the default top-k drops k >= classes (top-5 of 4 classes is always 0)');
  const paperNone = resolveText({ ...small, model: { ...small.model, variant: 'paper', normalization: 'none' } }).runs[0].model;
  t.same([paperNone.normalization, paperNone.lrn], ['none', null], 'no LRN: no LRN parameters in the config (or the run id)');
  const owtLrn = resolveText({ ...small, model: { ...small.model, normalization: 'lrn' } }).runs[0].model;
  t.same(owtLrn.lrn, { k: 2, n: 5, alpha: 1e-4, beta: 0.75, alphaReading: 'formula', effectiveAlpha: 1e-4 }, 'LRN without parameters: the paper\'s');
});

t.test('the LRN alpha reading is recorded with the effective per-term alpha', async (t) => {
  const runs = resolveText({
    ...small, model: { ...small.model, normalization: 'lrn' }, matrix: { lrn: [{ alphaReading: 'formula' }, { alphaReading: 'cuda-convnet' }] },
  }).runs;
  t.same(runs.map((r) => r.variant), ['lrn={alphaReading:formula}', 'lrn={alphaReading:cuda-convnet}']);
  t.same(runs.map((r) => [r.model.lrn?.alpha, r.model.lrn?.alphaReading]), [[1e-4, 'formula'], [1e-4, 'cuda-convnet']], 'alpha as configured');
  t.equal(runs[0].model.lrn?.effectiveAlpha, 1e-4);
  // 1e-4 / 5 in floating point; 1e-18 is far below the 2e-5 being checked.
  t.ok(Math.abs(runs[1].model.lrn!.effectiveAlpha - 2e-5) < 1e-18, 'cuda-convnet: alpha / n per term');
});

t.test('normalization: the variant\'s own by default, an axis, LRN parameters only where LRN is used', async (t) => {
  const runs = resolveText({ ...small, model: { ...small.model, lrn: { k: 1 } }, matrix: { normalization: ['lrn', 'none'] } }).runs;
  t.same(runs.map((r) => r.variant), ['normalization=lrn', 'normalization=none']);
  t.same(runs.map((r) => r.axes), [{ normalization: 'lrn' }, { normalization: 'none' }]);
  t.same(runs.map((r) => r.model.lrn?.k ?? null), [1, null], 'the axis chose "none": the parameters apply to its LRN points only');
  t.equal(resolveText({ ...small, model: { ...small.model, variant: 'paper-one-tower' } }).runs[0].model.normalization, 'lrn');
  t.same(resolveProblems({ ...small, model: { ...small.model, lrn: { k: 1 } } }), [
    'x.json: /model/lrn: LRN parameters are given but normalization is "none" (the default of variant "owt"); set "normalization" to "lrn" or "lrn+batchnorm" to use them, or remove "lrn"',
  ]);
  t.same(resolveProblems({ ...small, model: { ...small.model, variant: 'paper', normalization: 'none' }, matrix: { lrn: [{ k: 1 }] } }), [
    'x.json: /matrix/lrn/0: LRN parameters are given but normalization is "none" (/model/normalization); set "normalization" to "lrn" or "lrn+batchnorm" to use them, or remove "lrn"',
  ]);
});

t.test('the matrix expands in axis declaration order x seeds, with stable labels', async (t) => {
  const r = resolveExperiment(validateExperimentFile(join(repoRoot, 'experiments/quickstart.json')));
  const relu = ['none', 'lrn'].flatMap((n) => [0.001, 0.003].flatMap((lr) => [1, 2, 3].map((s) => `activation=relu,normalization=${n},learningRate=${lr}/${s}`)));
  const tanh = [0.01, 0.03].flatMap((lr) => [1, 2, 3].map((s) => `activation=tanh,normalization=none,learningRate=${lr}/${s}`));
  t.equal(r.runs.length, 18, 'grid 1: 2 normalizations x 2 rates x 3 seeds; grid 2: 2 rates x 3 seeds');
  t.same(r.runs.map((run) => `${run.variant}/${run.seed}`), [...relu, ...tanh], 'grids in file order, axes in declaration order, seeds innermost');
  t.same(r.runs[0].axes, { activation: 'relu', normalization: 'none', learningRate: 0.001 });
  t.equal(r.runs[0].model.lrn, null, 'normalization "none": no LRN parameters');
  t.equal(r.runs[6].model.normalization, 'lrn');
  t.equal(r.runs[12].model.activation, 'tanh');

  // File key order does not matter: axes follow MatrixSpec's order, values the file's.
  const lrnModel = { ...small.model, normalization: 'lrn' };
  const labels = resolveText({ ...small, model: lrnModel, seeds: [3], matrix: { batchSize: [8, 4], lrn: [{ n: 3, k: 1 }], variant: ['owt', 'paper-one-tower'] } }).runs.map((run) => run.variant);
  t.same(labels, [
    'variant=owt,lrn={k:1;n:3},batchSize=8', 'variant=owt,lrn={k:1;n:3},batchSize=4',
    'variant=paper-one-tower,lrn={k:1;n:3},batchSize=8', 'variant=paper-one-tower,lrn={k:1;n:3},batchSize=4',
  ]);
  const runs = resolveText({ ...small, matrix: { learningRate: [0.1, 0.01], towers: [2] } }).runs;
  t.same(runs.map((run) => [run.training.learningRate, run.model.towers]), [[0.1, 2], [0.01, 2]], 'training and model axes override the base');
});

t.test('the new axes set model.initStd and training.weightDecay', async (t) => {
  const r = resolveText({ ...small, matrix: { initStd: [0.01, 0.05], weightDecay: [0.0005, 0] } });
  t.same(r.runs.map((run) => run.variant), [
    'initStd=0.01,weightDecay=0.0005', 'initStd=0.01,weightDecay=0', 'initStd=0.05,weightDecay=0.0005', 'initStd=0.05,weightDecay=0',
  ]);
  t.same(r.runs.map((run) => [run.model.initStd, run.training.weightDecay]), [[0.01, 0.0005], [0.01, 0], [0.05, 0.0005], [0.05, 0]]);
});

t.test('problems that need the variant defaults point at the setting', async (t) => {
  t.same(resolveProblems({ ...small, model: {} }), [
    'x.json: /model: variant "paper" expects 227 px input but dataset.imageSize is 32; set model.inputSize (<= 32) and a model.stem for small images, e.g. {"kernelSize": 5, "stride": 1, "padding": 2}',
  ]);
  t.same(resolveProblems({ ...small, model: { ...small.model, variant: 'owt', inputSize: undefined } }), [
    'x.json: /model/variant: variant "owt" expects 224 px input but dataset.imageSize is 32; set model.inputSize (<= 32) and a model.stem for small images, e.g. {"kernelSize": 5, "stride": 1, "padding": 2}',
  ]);
  t.same(resolveProblems({ ...small, model: { ...small.model, inputSize: 64 } }), [
    'x.json: /model/inputSize: 64 is larger than the images (dataset.imageSize 32); use at most 32 (inputs are centre crops)',
  ]);
  t.same(resolveProblems({ ...small, model: { ...small.model, kernels: [95, 256, 384, 384, 256] }, matrix: { towers: [1, 2] } }), [
    'x.json: /model/kernels/0: 95 is not divisible by towers 2 (/matrix/towers/1); use a multiple of 2 (each tower gets an equal share)',
  ]);
  t.same(resolveProblems({ ...small, model: { ...small.model, stem: { kernelSize: 5, stride: 2, padding: 0 } }, matrix: { pooling: ['overlapping', 'non-overlapping'] } }), [
    'x.json: /model (matrix variant pooling=overlapping): pool5 output is 0x0 for inputSize 32 with stem 5/2 and pool 3/2; use a smaller stem or a larger inputSize',
  ]);
  t.same(resolveProblems({ ...small, model: { ...small.model, kernels: [32, 32, 64] } }), [
    'x.json: /model/kernels: 3 counts given; variant "owt" (layout "alexnet") has 5 conv layers (conv1, conv2, conv3, conv4, conv5); give 5',
  ]);
  t.same(resolveProblems({ ...small, model: { ...small.model, fcUnits: [64] }, matrix: { variant: ['owt', 'four-layer'] } }), [
    'x.json: /model/fcUnits (matrix variant variant=owt): 1 count given; variant "owt" (layout "alexnet") has 2 hidden dense layers (fc6, fc7); give 2',
    'x.json: /model/fcUnits (matrix variant variant=four-layer): 1 count given; variant "four-layer" (layout "four-layer") has 0 hidden dense layers; give 0',
  ]);
  t.same(resolveProblems({ ...small, model: { ...small.model, normalization: 'lrn' }, matrix: { lrn: [{ k: 2 }, {}] } }), [
    'x.json: /matrix: variants "lrn={k:2}" and "lrn={}" resolve to the same run; remove one of the values',
  ]);
});

t.test('the four-layer variant resolves with its own defaults', async (t) => {
  const [run] = resolveText({ ...small, model: { variant: 'four-layer', initStd: 0.05 } }).runs;
  t.same(run.model, {
    layout: 'four-layer', activation: 'relu', normalization: 'none', lrn: null, towers: 1, dropout: 0, dropoutPlacement: 'fc-outputs', pool: { size: 3, stride: 2 },
    kernels: [32, 32, 64], fcUnits: [], inputSize: 32, classes: 10, stem: { kernelSize: 5, stride: 1, padding: 2 }, positiveBias: 1, initStd: 0.05,
  });
  const [lrn] = resolveText({ ...small, model: { variant: 'four-layer', normalization: 'lrn', kernels: [16, 16, 32], lrn: { alphaReading: 'cuda-convnet' } } }).runs;
  t.same([lrn.model.kernels, lrn.model.lrn?.alphaReading], [[16, 16, 32], 'cuda-convnet']);
});

t.test('canonical JSON sorts keys at every depth and drops undefined', async (t) => {
  t.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined, x: null }], c: 'x' } }), '{"a":{"c":"x","d":[2,{"x":null,"z":1}]},"b":1}');
});

t.test('run ids hash what changes the numbers, and only that', async (t) => {
  const base = resolveText(small).runs[0];
  const id = runId(base, 'wasm');
  t.match(id, /^[0-9a-f]{12}$/);
  t.equal(runId(base, 'wasm'), id, 'stable');
  t.equal(runId(JSON.parse(JSON.stringify(base)), 'wasm'), id, 'a saved and reloaded run has the same id');
  const renamed = resolveText({ ...small, name: 'other', description: 'words' }, 'elsewhere/y.json').runs[0];
  t.equal(runId(renamed, 'wasm'), id, 'name, description and source do not count');
  t.equal(runId({ ...base, variant: 'activation=relu', axes: { activation: 'relu' } }, 'wasm'), id, 'nor does the variant label');
  t.not(runId(base, 'cpu'), id, 'the engine counts');
  t.not(runId(resolveText({ ...small, seeds: [2] }).runs[0], 'wasm'), id, 'the seed counts');
  t.not(runId(resolveText({ ...small, model: { ...small.model, activation: 'tanh' } }).runs[0], 'wasm'), id, 'the model counts');
  t.not(runId(resolveText({ ...small, training: { epochs: 3 } }).runs[0], 'wasm'), id, 'training counts');
  t.not(runId(resolveText({ ...small, dataset: { format: 'synthetic', dataSeed: 2 } }).runs[0], 'wasm'), id, 'the data counts');
  const explicit = resolveText({ ...small, training: { epochs: 2, batchSize: 128, schedule: { type: 'plateau', factor: 0.1 } } }).runs[0];
  t.equal(runId(explicit, 'wasm'), id, 'writing a default out does not change the id');
});

t.test('settings added after runs were recorded count in the run id only when on', async (t) => {
  const base = resolveText(small).runs[0];
  const id = runId(base, 'wasm');
  // A run recorded before holdout, earlyStopping and trainEvalImages existed: its file lacks them.
  const { holdout: _h, ...oldDataset } = base.dataset as typeof base.dataset & { holdout: null };
  const { earlyStopping: _e, ...oldTraining } = base.training;
  const { trainEvalImages: _n, ...oldEvaluation } = base.evaluation;
  const recorded = { ...base, dataset: oldDataset, training: oldTraining, evaluation: oldEvaluation } as unknown as typeof base;
  t.equal(runId(recorded, 'wasm'), id, 'off: the id of a run recorded before they existed');
  const explicitOff = resolveText({ ...small, training: { epochs: 2, earlyStopping: false }, evaluation: { trainEvalImages: 0 } }).runs[0];
  t.equal(runId(explicitOff, 'wasm'), id, 'written out as off: the same id');
  const on = [
    { ...small, dataset: { format: 'synthetic', holdout: 10 } },
    { ...small, training: { epochs: 2, earlyStopping: { patience: 2 } } },
    { ...small, evaluation: { trainEvalImages: 16 } },
  ].map((e) => runId(resolveText(e).runs[0], 'wasm'));
  t.equal(new Set([id, ...on]).size, 4, 'each one on: another id');
  const restoreOff = resolveText({ ...small, training: { epochs: 2, earlyStopping: { patience: 2, restoreBest: false } } }).runs[0];
  t.not(runId(restoreOff, 'wasm'), on[1], 'restoreBest counts (it changes the saved weights)');
});

t.test('early stopping: false by default, restoreBest by default, a matrix axis', async (t) => {
  t.equal(resolveText(small).runs[0].training.earlyStopping, false);
  const r = resolveText({ ...small, training: { epochs: 9, earlyStopping: { patience: 3 } }, matrix: { earlyStopping: [false, { patience: 2 }, { patience: 2, restoreBest: false }] } });
  t.same(r.runs.map((run) => run.variant), ['earlyStopping=off', 'earlyStopping={patience:2}', 'earlyStopping={patience:2;restoreBest:false}']);
  t.same(r.runs.map((run) => run.training.earlyStopping), [false, { patience: 2, restoreBest: true }, { patience: 2, restoreBest: false }]);
  const other = resolveText({ ...small, training: { epochs: 9, earlyStopping: { patience: 3 } }, matrix: [{ earlyStopping: [false] }, { learningRate: [0.1] }] });
  t.same(other.runs.map((run) => run.axes), [{ learningRate: 0.01, earlyStopping: false }, { learningRate: 0.1, earlyStopping: { patience: 3 } }], 'the base value, as written, where a grid leaves it out');
  t.same(resolveProblems({ ...small, training: { epochs: 2, earlyStopping: { patience: 1 } }, evaluation: { topK: [5] } }), [
    'x.json: /evaluation/topK: [5] has no 1, but early stopping watches the top-1 error; add 1 to the list or turn training.earlyStopping off',
  ]);
  t.same(resolveProblems({ ...small, evaluation: { topK: [5] }, matrix: { earlyStopping: [false, { patience: 1 }] } }).length, 1, 'also when only a matrix variant stops early');
  t.same(resolveProblems({ ...small, evaluation: { topK: [5] } }), [], 'without early stopping top-1 is not needed');
});

t.test('evaluation.trainEvalImages and dataset.holdout are resolved', async (t) => {
  const [run] = resolveText({ ...small, dataset: { format: 'synthetic', holdout: 100 }, evaluation: { trainEvalImages: 256 } }).runs;
  t.equal(run.evaluation.trainEvalImages, 256);
  t.equal((run.dataset as { holdout: number | null }).holdout, 100);
});

t.test('randomCrop is a matrix axis like flip', async (t) => {
  const r = resolveText({ ...small, dataset: { format: 'synthetic', imageSize: 40 }, augment: { flip: true }, matrix: { randomCrop: [true, false] } });
  t.same(r.runs.map((run) => run.variant), ['randomCrop=on', 'randomCrop=off']);
  t.same(r.runs.map((run) => run.augment.randomCrop), [true, false]);
  t.same(r.runs.map((run) => run.augment.flip), [true, true]);
  const grids = resolveText({ ...small, augment: { randomCrop: true }, matrix: [{ randomCrop: [false] }, { flip: [true] }] });
  t.same(grids.runs.map((run) => run.axes), [{ randomCrop: false, flip: false }, { randomCrop: true, flip: true }], 'the base value where a grid leaves it out');
});

t.test('augmentation: lighting true is the paper sigma with ImageNet eigen-pairs; flip and lighting are matrix axes', async (t) => {
  const r = resolveText({
    ...small,
    augment: { randomCrop: true, lighting: { sigma: 0.2 } },
    matrix: { flip: [true, false], lighting: [true, false] },
  });
  t.same(r.runs.map((run) => run.variant), ['flip=on,lighting=on', 'flip=on,lighting=off', 'flip=off,lighting=on', 'flip=off,lighting=off']);
  const [first, second] = r.runs;
  t.same([first.augment.randomCrop, first.augment.flip, first.augment.lighting?.sigma], [true, true, 0.1], 'the axis value replaces the base');
  t.same(first.augment.lighting?.eigenvalues, [0.2175, 0.0188, 0.0045]);
  t.equal(second.augment.lighting, null);
  const base = resolveText({ ...small, augment: { lighting: { sigma: 0.2 } } }).runs[0];
  t.equal(base.augment.lighting?.sigma, 0.2, 'an object is merged over the defaults');
});
