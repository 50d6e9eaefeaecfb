// Prints the rounds of bench/side-by-side.sh and, per net, the ratio of the median
// training rates (tfjs / PyTorch) and the ratio of the fastest steps (PyTorch's fastest
// step time over tfjs's, both over every round: on a shared machine other processes only
// slow steps down, so the fastest steps are the steadier comparison):
//   node bench/side-by-side-table.mjs DIR ROUNDS
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg);
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const nets = new Map();
for (let r = 1; r <= rounds; r++) {
  const tfjs = [read(`tfjs-${r}.json`)].flat();
  tfjs.forEach((t, i) => {
    const p = read(`torch-${r}-${i}.json`);
    const name = t.experiment ? `${t.net.activation}, kernels ${t.net.convs.map((c) => c.outChannels).join('-')}, ${t.inputSize} px, batch ${t.batchSize} (${t.experiment.runs.length} run label${t.experiment.runs.length > 1 ? "s" : ""})` : `${t.variant}${t.lrn ? ' + LRN' : ''}, ${t.inputSize} px, batch ${t.batchSize}`;
    if (p.parameters !== t.parameters) throw new Error(`${name}: PyTorch's twin has ${p.parameters} parameters, tfjs's net ${t.parameters}`);
    const entry = nets.get(i) ?? { name, batch: t.batchSize, tfjs: [], torch: [], tfjsInfer: [], torchInfer: [], tfjsFastest: [], torchFastest: [] };
    entry.tfjs.push(t.train.imagesPerSecond); entry.torch.push(p.train.imagesPerSecond);
    entry.tfjsInfer.push(t.inference.imagesPerSecond); entry.torchInfer.push(p.inference.imagesPerSecond);
    entry.tfjsFastest.push(t.train.stepMsFastest); entry.torchFastest.push(p.train.stepMsFastest);
    nets.set(i, entry);
    console.log(`round ${r}  ${name}: tfjs ${t.device} train ${t.train.imagesPerSecond.toFixed(1)} img/s, infer ${t.inference.imagesPerSecond.toFixed(1)} | ${p.engine} ${p.device} train ${p.train.imagesPerSecond.toFixed(1)}, infer ${p.inference.imagesPerSecond.toFixed(1)}`);
  });
}
for (const e of nets.values()) {
  console.log(`median train img/s, ${e.name}: tfjs ${median(e.tfjs).toFixed(1)}, PyTorch ${median(e.torch).toFixed(1)}, ratio ${(median(e.tfjs) / median(e.torch)).toFixed(2)}` +
    ` (inference ratio ${(median(e.tfjsInfer) / median(e.torchInfer)).toFixed(2)})`);
  // Records from before the fastest step was measured have none: then only the medians.
  if ([...e.tfjsFastest, ...e.torchFastest].some((ms) => typeof ms !== 'number')) continue;
  const [tf, pt] = [Math.min(...e.tfjsFastest), Math.min(...e.torchFastest)];
  console.log(`fastest training step, ${e.name}: tfjs ${tf.toFixed(1)} ms (${((1000 * e.batch) / tf).toFixed(1)} img/s), PyTorch ${pt.toFixed(1)} ms (${((1000 * e.batch) / pt).toFixed(1)} img/s), ratio ${(pt / tf).toFixed(2)}`);
}
