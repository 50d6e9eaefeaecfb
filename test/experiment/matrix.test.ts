import t from 'tap';
import { expandMatrix } from '../../src/experiment/matrix.js';
import { runId, type ResolvedExperiment } from '../../src/experiment/resolve.js';
import { resolveProblems, resolveText, small } from '../helpers/resolve.js';


const ids = (r: ResolvedExperiment) => r.runs.map((run) => runId(run, 'wasm'));

t.test('one grid: labels and axes are its own values only; the base is never asked', async (t) => {
  const points = expandMatrix({ normalization: ['lrn', 'none'], activation: ['relu'] }, () => t.fail('base value asked for'));
  t.same(points.map((p) => [p.label, p.recorded, p.gridPointer]), [
    ['activation=relu,normalization=lrn', { activation: 'relu', normalization: 'lrn' }, '/matrix'],
    ['activation=relu,normalization=none', { activation: 'relu', normalization: 'none' }, '/matrix'],
  ]);
  t.same(expandMatrix(undefined, () => 0).map((p) => [p.label, p.recorded]), [['base', {}]]);
});

t.test('a list of grids: the union of their products, a shared run once, every axis recorded', async (t) => {
  const r = resolveText({ ...small, seeds: [1, 2], matrix: [{ activation: ['relu', 'tanh'] }, { normalization: ['none', 'lrn'] }] });
  // Grid 1's normalization=none run is grid 0's relu run (owt has no LRN): it keeps grid 0's place.
  t.same(r.runs.map((run) => `${run.variant}/${run.seed}`), [
    'activation=relu,normalization=none/1', 'activation=relu,normalization=none/2',
    'activation=tanh,normalization=none/1', 'activation=tanh,normalization=none/2',
    'activation=relu,normalization=lrn/1', 'activation=relu,normalization=lrn/2',
  ]);
  t.same(r.runs.map((run) => run.axes), [
    { activation: 'relu', normalization: 'none' }, { activation: 'relu', normalization: 'none' },
    { activation: 'tanh', normalization: 'none' }, { activation: 'tanh', normalization: 'none' },
    { activation: 'relu', normalization: 'lrn' }, { activation: 'relu', normalization: 'lrn' },
  ]);
  t.same(r.runs.map((run) => [run.model.activation, run.model.lrn === null]), [
    ['relu', true], ['relu', true], ['tanh', true], ['tanh', true], ['relu', false], ['relu', false],
  ]);
  t.equal(new Set(ids(r)).size, 6, 'six distinct runs');
  const single = resolveText({ ...small, seeds: [1, 2], matrix: { activation: ['relu'], normalization: ['none', 'lrn'] } });
  t.same(ids(single), [ids(r)[0], ids(r)[1], ids(r)[4], ids(r)[5]], 'the same runs as one grid gives: same ids');
});

t.test('a list of one grid gives the runs, labels and ids of the grid alone', async (t) => {
  const grid = { activation: ['relu', 'tanh'], normalization: ['lrn', 'none'] };
  const one = resolveText({ ...small, matrix: grid });
  const list = resolveText({ ...small, matrix: [grid] });
  t.same(list.runs, one.runs);
});

t.test('axes a grid leaves out record the base value, as a grid would write it', async (t) => {
  const r = resolveText({
    ...small,
    matrix: [
      { activation: ['tanh'] },
      {
        variant: ['owt'], normalization: ['lrn'], towers: [2], dropout: [0], pooling: ['non-overlapping'], flip: [true], lighting: [true],
        widthFactor: [0.5], initStd: [0.02], learningRate: [0.1], weightDecay: [0], batchSize: [8],
      },
    ],
  });
  t.same(r.runs[0].axes, {
    variant: 'owt', activation: 'tanh', normalization: 'none', towers: 1, dropout: 0.5, pooling: 'overlapping', flip: false, lighting: false,
    widthFactor: 1, initStd: 0.01, learningRate: 0.01, weightDecay: 0.0005, batchSize: 128,
  }, 'defaults of the variant and of the experiment types');
  t.equal(r.runs[0].variant, 'variant=owt,activation=tanh,normalization=none,towers=1,dropout=0.5,pooling=overlapping,flip=off,lighting=off,widthFactor=1,initStd=0.01,learningRate=0.01,weightDecay=0.0005,batchSize=128');
  t.same(r.runs[1].axes, {
    variant: 'owt', activation: 'relu', normalization: 'lrn', towers: 2, dropout: 0, pooling: 'non-overlapping', flip: true, lighting: true,
    widthFactor: 0.5, initStd: 0.02, learningRate: 0.1, weightDecay: 0, batchSize: 8,
  });
  const written = resolveText({
    ...small,
    model: { ...small.model, activation: 'tanh', normalization: 'lrn', lrn: { k: 1 }, dropout: 0.25, initStd: 0.05 },
    training: { epochs: 2, learningRate: 0.02, weightDecay: 0.001 },
    augment: { lighting: { sigma: 0.2 } },
    matrix: [{ towers: [1] }, { activation: ['relu'], normalization: ['none'], dropout: [0], initStd: [0.01], learningRate: [0.01], weightDecay: [0], lighting: [false] }],
  });
  t.same(written.runs[0].axes, { activation: 'tanh', normalization: 'lrn', towers: 1, dropout: 0.25, lighting: { sigma: 0.2 }, initStd: 0.05, learningRate: 0.02, weightDecay: 0.001 }, 'base values as written');
});

t.test('model defaults follow the run\'s own variant', async (t) => {
  const r = resolveText({ ...small, matrix: [{ variant: ['owt', 'paper-one-tower'] }, { normalization: ['lrn'] }] });
  t.same(r.runs.map((run) => run.variant), ['variant=owt,normalization=none', 'variant=paper-one-tower,normalization=lrn', 'variant=owt,normalization=lrn']);
  t.same(r.runs.map((run) => run.model.lrn === null), [true, false, false]);
});

t.test('the same run twice within one grid is an error naming the grid; across grids it is not', async (t) => {
  const lrnModel = { ...small.model, normalization: 'lrn' };
  t.same(resolveProblems({ ...small, model: lrnModel, matrix: [{ activation: ['relu'] }, { lrn: [{ k: 2 }, {}] }] }), [
    'x.json: /matrix/1: variants "activation=relu,lrn={k:2}" and "activation=relu,lrn={}" resolve to the same run; remove one of the values',
  ]);
  const r = resolveText({ ...small, model: lrnModel, matrix: [{ lrn: [{ k: 2 }] }, { lrn: [{}] }] });
  t.same(r.runs.map((run) => run.variant), ['lrn={k:2}'], 'lrn {} is the paper LRN too: one run, the first grid\'s');
});

t.test('problems point into the grid that set the value', async (t) => {
  t.same(resolveProblems({ ...small, model: { ...small.model, kernels: [95, 256, 384, 384, 256] }, matrix: [{ activation: ['relu'] }, { towers: [1, 2] }] }), [
    'x.json: /model/kernels/0: 95 is not divisible by towers 2 (/matrix/1/towers/1); use a multiple of 2 (each tower gets an equal share)',
  ]);
  t.same(resolveProblems({ ...small, model: { ...small.model, inputSize: undefined }, matrix: [{ activation: ['relu'] }, { variant: ['owt'] }] }), [
    'x.json: /model/variant: variant "owt" expects 224 px input but dataset.imageSize is 32; set model.inputSize (<= 32) and a model.stem for small images, e.g. {"kernelSize": 5, "stride": 1, "padding": 2}',
    'x.json: /matrix/1/variant/0: variant "owt" expects 224 px input but dataset.imageSize is 32; set model.inputSize (<= 32) and a model.stem for small images, e.g. {"kernelSize": 5, "stride": 1, "padding": 2}',
  ]);
});
