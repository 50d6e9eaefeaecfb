import t, { type Test } from 'tap';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../src/core/errors.js';
import {
  validateExperimentFile,
  validateExperimentFiles,
  validateExperimentText,
} from '../../src/experiment/validate.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const minimal = {
  name: 'minimal',
  dataset: { format: 'synthetic' },
  model: {},
  training: { epochs: 1 },
  seeds: [1],
};

/** The InputError's lines for a file with `text` (fails the test when it validates). */
function problemsOf(t: Test, text: string, file = 'x.json'): string[] {
  try {
    validateExperimentText(text, file);
  } catch (e) {
    t.type(e, InputError);
    t.equal((e as InputError).exitCode, 2, 'bad input exits with 2');
    return (e as Error).message.split('\n');
  }
  t.fail('expected the file to be rejected');
  return [];
}

const json = (value: unknown) => JSON.stringify(value, null, 2);
const withChanges = (changes: Record<string, unknown>) => json({ ...minimal, ...changes });

t.test('a minimal file validates and keeps its source path', async (t) => {
  const dir = t.testdir({ 'minimal.json': json(minimal) });
  const v = validateExperimentFile(join(dir, 'minimal.json'));
  t.equal(v.source, join(dir, 'minimal.json'));
  t.same(v.experiment, minimal);
});

t.test('the shipped experiments validate', async (t) => {
  const [v] = validateExperimentFiles([join(repoRoot, 'experiments/quickstart.json')]);
  t.equal(v.experiment.name, 'quickstart');
  const files = readdirSync(join(repoRoot, 'experiments'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .map((f) => join(repoRoot, 'experiments', f));
  t.ok(files.length >= 10, `${files.length} files`);
  t.equal(validateExperimentFiles(files).length, files.length, 'every file passes the schema and the semantic checks');
});

t.test('malformed JSON: file, line, column and what was expected', async (t) => {
  t.same(problemsOf(t, '{\n  "name": "a",\n  "seeds": [1,],\n}'), [
    'x.json:3:15: not valid JSON: expected a value, found "]"; remove the comma before it (JSON allows no trailing commas)',
  ]);
  t.same(problemsOf(t, '{\n  "name": "a"\n  "seeds": [1]\n}'), [
    'x.json:3:3: not valid JSON: expected "," or "}" after a value, found "seeds"; add a comma before it',
  ]);
  t.same(problemsOf(t, '{\n  // note\n  "name": "a"\n}'), [
    'x.json:2:3: not valid JSON: expected a key in double quotes, found "/"; remove the comment (JSON has no comments; use "description")',
  ]);
  t.same(problemsOf(t, '{"name": tru}'), ['x.json:1:10: not valid JSON: expected a value, found "tru"']);
  t.same(problemsOf(t, ''), ['x.json:1:1: not valid JSON: expected a value, found end of file']);
  t.same(problemsOf(t, '{"name": "a"'), ['x.json:1:13: not valid JSON: expected "," or "}" after a value, found end of file']);
});

t.test('a key given twice is reported (JSON.parse would keep the last silently)', async (t) => {
  const text = '{\n  "name": "a",\n  "dataset": {"format": "synthetic"},\n  "model": {},\n  "training": {"epochs": 1},\n  "seeds": [1],\n  "name": "b"\n}';
  t.same(problemsOf(t, text), ['x.json: /name: key given twice (first on line 2); keep one (JSON would silently use the last)']);
});

t.test('unknown keys: did you mean, or the allowed keys', async (t) => {
  t.same(problemsOf(t, withChanges({ model: { activaton: 'relu' } })), ['x.json: /model/activaton: unknown key; did you mean "activation"?']);
  t.same(problemsOf(t, withChanges({ nmae: 'x' })), ['x.json: /nmae: unknown key; did you mean "name"?']);
  t.same(problemsOf(t, withChanges({ model: { lrn: { z: 1 } } })), [
    'x.json: /model/lrn/z: unknown key; allowed here: "k", "n", "alpha", "beta" or "alphaReading"',
  ]);
});

t.test('a value outside an enum lists the allowed values', async (t) => {
  t.same(problemsOf(t, withChanges({ model: { activation: 'relu6' } })), ['x.json: /model/activation: "relu6" is not allowed; use "relu", "tanh" or "sigmoid"']);
  t.same(problemsOf(t, withChanges({ dataset: { format: 'imagenet' } })), ['x.json: /dataset/format: "imagenet" is not allowed; use "synthetic", "fashion-mnist", "cifar10" or "imagenet-folder"']);
  t.same(problemsOf(t, withChanges({ model: { towers: 3 } })), ['x.json: /model/towers: 3 is not allowed; use 1 or 2']);
});

t.test('missing required keys are named, merged per object', async (t) => {
  t.same(problemsOf(t, json({ model: {} })), ['x.json: /: missing required keys "name", "dataset", "training" and "seeds"']);
  t.same(problemsOf(t, withChanges({ training: {} })), ['x.json: /training: missing required key "epochs"; add "epochs": an integer >= 1']);
});

t.test('numbers out of range or of the wrong kind say the bound', async (t) => {
  t.same(problemsOf(t, withChanges({ training: { epochs: 0 } })), ['x.json: /training/epochs: 0 is too small; use an integer >= 1']);
  t.same(problemsOf(t, withChanges({ model: { dropout: 1 } })), ['x.json: /model/dropout: 1 is too large; use a number >= 0 and < 1']);
  t.same(problemsOf(t, withChanges({ dataset: { format: 'synthetic', classes: 2.5 } })), [
    'x.json: /dataset/classes: 2.5 is not a whole number; use an integer >= 2',
  ]);
  t.same(problemsOf(t, withChanges({ training: { epochs: '6' } })), ['x.json: /training/epochs: "6" is a string; use an integer >= 1']);
  t.same(problemsOf(t, withChanges({ model: { kernels: [1, 2, 3, 4, 5, 6] } })), [
    'x.json: /model/kernels: 6 items; use a list of 1 to 5 items, each an integer >= 1',
  ]);
  t.same(problemsOf(t, withChanges({ model: { fcUnits: [1, 2, 3] } })), [
    'x.json: /model/fcUnits: 3 items; use a list of 0 to 2 items, each an integer >= 1',
  ]);
  t.same(problemsOf(t, withChanges({ name: 'My Exp' })), [
    'x.json: /name: "My Exp" is not allowed; use a string of lowercase letters, digits, ".", "_" and "-", starting with a letter or digit',
  ]);
});

t.test('a schedule union gives one message, from its "type"', async (t) => {
  const schedule = (s: unknown) => withChanges({ training: { epochs: 1, schedule: s } });
  t.same(problemsOf(t, schedule({ type: 'cosine' })), ['x.json: /training/schedule/type: "cosine" is not allowed; use "constant", "step" or "plateau"']);
  t.same(problemsOf(t, schedule({ everyEpochs: 2 })), [
    'x.json: /training/schedule: missing required key "type"; add "type": "constant", "step" or "plateau"',
  ]);
  t.same(problemsOf(t, schedule({ type: 'step', everyEpochs: 0, factr: 0.5 })), [
    'x.json: /training/schedule/factr: unknown key; did you mean "factor"?',
    'x.json: /training/schedule/everyEpochs: 0 is too small; use an integer >= 1',
  ]);
  t.same(problemsOf(t, schedule({ type: 'step' })), ['x.json: /training/schedule: missing required key "everyEpochs"; add "everyEpochs": an integer >= 1']);
  t.same(problemsOf(t, schedule('plateau')), ['x.json: /training/schedule: "plateau" is a string; use an object with "type": "constant", "step" or "plateau"']);
});

t.test('lrn takes an object of LRN parameters; true/false of older files say what replaced them', async (t) => {
  t.same(problemsOf(t, withChanges({ model: { lrn: 'yes' } })), [
    'x.json: /model/lrn: "yes" is a string; use an object with keys from "k", "n", "alpha", "beta" and "alphaReading"',
  ]);
  t.same(problemsOf(t, withChanges({ model: { lrn: true } })), [
    'x.json: /model/lrn: true is a boolean; LRN is switched with "normalization" now: replace "lrn": true with "normalization": "lrn" ("lrn" takes only an object of LRN parameters)',
  ]);
  t.same(problemsOf(t, withChanges({ model: { lrn: false } })), [
    'x.json: /model/lrn: false is a boolean; LRN is switched with "normalization" now: replace "lrn": false with "normalization": "none" ("lrn" takes only an object of LRN parameters)',
  ]);
  t.same(problemsOf(t, withChanges({ matrix: { lrn: [true, false] } })), [
    'x.json: /matrix/lrn: true and false are no longer LRN values; the matrix switches LRN with the "normalization" axis: replace "lrn": [true, false] with "normalization": ["lrn", "none"] ("lrn" takes only objects of LRN parameters)',
  ]);
  t.same(problemsOf(t, withChanges({ model: { lrn: { alphaReading: 'caffe' } } })), [
    'x.json: /model/lrn/alphaReading: "caffe" is not allowed; use "formula" or "cuda-convnet"',
  ]);
  t.same(problemsOf(t, withChanges({ model: { normalization: 'layernorm' } })), [
    'x.json: /model/normalization: "layernorm" is not allowed; use "lrn", "none", "batchnorm" or "lrn+batchnorm"',
  ]);
  t.same(problemsOf(t, withChanges({ model: { lrn: { k: -1 } } })), ['x.json: /model/lrn/k: -1 is too small; use a number >= 0']);
  t.same(problemsOf(t, withChanges({ model: { lrn: { n: 4 } } })), [
    'x.json: /model/lrn/n: 4 is even; use an odd window (the paper: 5): the window is centred on the channel',
  ]);
});

t.test('seeds: never 0, integers, each once', async (t) => {
  t.same(problemsOf(t, withChanges({ seeds: [0] })), [
    'x.json: /seeds/0: 0 is not allowed; use an integer >= 1 (tfjs treats seed 0 as "no seed", so runs would not repeat)',
  ]);
  t.same(problemsOf(t, withChanges({ seeds: [1.5] })), ['x.json: /seeds/0: 1.5 is not a whole number; use an integer >= 1 and <= 2147483647']);
  t.same(problemsOf(t, withChanges({ seeds: [1, 2, 1] })), ['x.json: /seeds/2: 1 repeats /seeds/0; list each value once']);
  t.same(problemsOf(t, withChanges({ seeds: [] })), ['x.json: /seeds: 0 items; use a list of at least 1 item, each an integer >= 1 and <= 2147483647']);
});

t.test('matrix axes: non-empty, known, each value once', async (t) => {
  t.same(problemsOf(t, withChanges({ matrix: { activation: [] } })), ['x.json: /matrix/activation: 0 items; use a list of at least 1 item, each "relu", "tanh" or "sigmoid"']);
  t.same(problemsOf(t, withChanges({ matrix: { lrn: [{ k: 1 }, { k: 2, n: 5 }, { n: 5, k: 2 }] } })), [
    'x.json: /matrix/lrn/2: {"n":5,"k":2} repeats /matrix/lrn/1; list each value once',
  ]);
  t.same(problemsOf(t, withChanges({ matrix: { normalization: ['lrn', 'lrn'] } })), [
    'x.json: /matrix/normalization/1: "lrn" repeats /matrix/normalization/0; list each value once',
  ]);
  t.same(problemsOf(t, withChanges({ matrix: { activations: ['relu'] } })), ['x.json: /matrix/activations: unknown key; did you mean "activation"?']);
});

t.test('the initStd and weightDecay axes take what the single fields take', async (t) => {
  t.same(problemsOf(t, withChanges({ matrix: { initStd: [0.01, 0], weightDecay: [0, -0.1] } })), [
    'x.json: /matrix/initStd/1: 0 is too small; use a number > 0',
    'x.json: /matrix/weightDecay/1: -0.1 is too small; use a number >= 0',
  ]);
  t.same(problemsOf(t, withChanges({ model: { initStd: 0 }, training: { epochs: 1, weightDecay: -0.1 } })), [
    'x.json: /model/initStd: 0 is too small; use a number > 0',
    'x.json: /training/weightDecay: -0.1 is too small; use a number >= 0',
  ]);
});

t.test('holdout: a count for the sources that offer it; imagenet-folder says it does not', async (t) => {
  t.same(problemsOf(t, withChanges({ dataset: { format: 'imagenet-folder', path: 'p', holdout: 100 } })), [
    'x.json: /dataset/holdout: the "imagenet-folder" data source offers no holdout split ("synthetic", "fashion-mnist" and "cifar10" do); remove "holdout" (early stopping then monitors the val split)',
  ]);
  t.same(problemsOf(t, withChanges({ dataset: { format: 'cifar10', path: 'p', holdout: 0 } })), ['x.json: /dataset/holdout: 0 is too small; use an integer >= 1']);
  t.doesNotThrow(() => validateExperimentText(withChanges({ dataset: { format: 'fashion-mnist', holdout: 1000 } }), 'x.json'));
});

t.test('earlyStopping and trainEvalImages take what they document', async (t) => {
  t.same(problemsOf(t, withChanges({ training: { epochs: 1, earlyStopping: { patience: 0 } }, evaluation: { trainEvalImages: -1 } })), [
    'x.json: /training/earlyStopping/patience: 0 is too small; use an integer >= 1',
    'x.json: /evaluation/trainEvalImages: -1 is too small; use an integer >= 0',
  ]);
  t.same(problemsOf(t, withChanges({ training: { epochs: 1, earlyStopping: true } })), ['x.json: /training/earlyStopping: true is a boolean; use false or an object with keys from "patience" and "restoreBest"']);
  t.same(problemsOf(t, withChanges({ training: { epochs: 1, earlyStopping: {} } })), ['x.json: /training/earlyStopping: missing required key "patience"; add "patience": an integer >= 1']);
  t.same(problemsOf(t, withChanges({ matrix: { earlyStopping: [false, { patience: 2, restore: true }], randomCrop: [true, 'no'] } })).length, 2);
  t.doesNotThrow(() => validateExperimentText(withChanges({ matrix: { earlyStopping: [false, { patience: 2 }], randomCrop: [true, false] } }), 'x.json'));
});

t.test('a list of grids: at least one; problems name the grid by its index', async (t) => {
  t.same(problemsOf(t, withChanges({ matrix: [] })), [
    'x.json: /matrix: 0 items; use a list of at least 1 item, each an object with keys from "variant", "activation", "normalization", "lrn", "towers", ' +
      '"dropout", "pooling", "randomCrop", "flip", "lighting", "widthFactor", "initStd", "learningRate", "weightDecay", "earlyStopping" and "batchSize"',
  ]);
  t.same(problemsOf(t, withChanges({ matrix: [{ activation: ['relu'] }, { learningRate: [0.01, 0] }] })), [
    'x.json: /matrix/1/learningRate/1: 0 is too small; use a number > 0',
  ]);
  t.same(problemsOf(t, withChanges({ matrix: [{ activations: ['relu'] }] })), ['x.json: /matrix/0/activations: unknown key; did you mean "activation"?']);
  t.same(problemsOf(t, withChanges({ matrix: [{ lrn: [{}] }, { lrn: [{ k: 1 }, { k: 1 }, { n: 4 }] }] })), [
    'x.json: /matrix/1/lrn/1: {"k":1} repeats /matrix/1/lrn/0; list each value once',
    'x.json: /matrix/1/lrn/2/n: 4 is even; use an odd window (the paper: 5): the window is centred on the channel',
  ]);
  t.same(problemsOf(t, withChanges({ matrix: [{ activation: ['relu'] }, { lrn: [true, false] }] })), [
    'x.json: /matrix/1/lrn: true and false are no longer LRN values; the matrix switches LRN with the "normalization" axis: ' +
      'replace "lrn": [true, false] with "normalization": ["lrn", "none"] ("lrn" takes only objects of LRN parameters)',
  ]);
  const shared = { ...minimal, matrix: [{ normalization: ['lrn', 'none'] }, { normalization: ['lrn'], activation: ['tanh'] }] };
  t.same(validateExperimentText(json(shared), 'x.json').experiment, shared, 'a value may appear in two grids (their runs are pooled)');
});

t.test('top-k must be below the class count', async (t) => {
  t.same(problemsOf(t, withChanges({ evaluation: { topK: [1, 5] }, dataset: { format: 'synthetic', classes: 4 } })), [
    'x.json: /evaluation/topK/1: top-5 error is always 0 with 4 classes; use values below 4 (dataset.classes)',
  ]);
  t.same(problemsOf(t, withChanges({ evaluation: { topK: [1, 1] } })), ['x.json: /evaluation/topK/1: 1 repeats /evaluation/topK/0; list each value once']);
});

t.test('every problem of a file is reported at once, one per line', async (t) => {
  const problems = problemsOf(t, json({
    name: 'x',
    dataset: { format: 'synthetic' },
    model: { activation: 'relu6', activaton: 'relu' },
    training: { epochs: 0, schedule: { type: 'cosine' } },
    seeds: [0, 3, 3],
  }));
  t.same(problems.sort(), [
    'x.json: /model/activation: "relu6" is not allowed; use "relu", "tanh" or "sigmoid"',
    'x.json: /model/activaton: unknown key; did you mean "activation"?',
    'x.json: /seeds/0: 0 is not allowed; use an integer >= 1 (tfjs treats seed 0 as "no seed", so runs would not repeat)',
    'x.json: /seeds/2: 3 repeats /seeds/1; list each value once',
    'x.json: /training/epochs: 0 is too small; use an integer >= 1',
    'x.json: /training/schedule/type: "cosine" is not allowed; use "constant", "step" or "plateau"',
  ]);
});

t.test('several files: every file\'s problems, missing files, clashing names', async (t) => {
  const dir = t.testdir({
    'a.json': json(minimal),
    'b.json': json(minimal),
    'c.json': '{',
  });
  const files = ['a.json', 'b.json', 'c.json', 'missing.json'].map((f) => join(dir, f));
  const error = (() => {
    try {
      validateExperimentFiles(files);
    } catch (e) {
      return e;
    }
  })();
  t.type(error, InputError);
  t.same((error as Error).message.split('\n'), [
    `${files[1]}: /name: "minimal" is also the name of ${files[0]}; give each experiment its own name (it names the results folder)`,
    `${files[2]}:1:2: not valid JSON: expected a key in double quotes, found end of file`,
    `${files[3]}: the experiment file does not exist; check the path`,
  ]);
});

t.test('a byte-order mark is accepted', async (t) => {
  t.equal(validateExperimentText(`\ufeff${json(minimal)}`, 'x.json').experiment.name, 'minimal');
});
