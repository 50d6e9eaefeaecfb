#!/usr/bin/env node
/**
 * Writes data/fashion-mnist-sample/: the first TRAIN training images and the first TEST test
 * images of Fashion-MNIST, in the data set's own IDX format (gzipped), so that the quickstart
 * trains on real images on a machine without the Debian package. The data set's order is
 * already shuffled, so a prefix is close to class-balanced (the README written here lists
 * the counts).
 *
 *   node scripts/make-fashion-mnist-sample.mjs [SOURCE_DIR] [TRAIN] [TEST]
 *
 * SOURCE_DIR defaults to /usr/share/datasets/fashion-mnist (Debian's dataset-fashion-mnist).
 * The output is byte-for-byte reproducible: gzip with a fixed level and no timestamp.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const [source = '/usr/share/datasets/fashion-mnist', trainArg = '5000', testArg = '1000'] = process.argv.slice(2);
const counts = { train: Number(trainArg), t10k: Number(testArg) };
const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'data', 'fashion-mnist-sample');
const CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

function readIdx(path) {
  const raw = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(raw) : raw;
}

/** The first `n` items of an IDX file: the header with its count replaced, then the items. */
function prefix(idx, n) {
  const dims = idx[3];
  const shape = Array.from({ length: dims }, (_, i) => idx.readUInt32BE(4 + 4 * i));
  if (n > shape[0]) throw new RangeError(`asked for ${n} items, the file has ${shape[0]}`);
  const itemBytes = shape.slice(1).reduce((a, b) => a * b, 1);
  const header = Buffer.from(idx.subarray(0, 4 + 4 * dims));
  header.writeUInt32BE(n, 4);
  return Buffer.concat([header, idx.subarray(header.length, header.length + n * itemBytes)]);
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
mkdirSync(out, { recursive: true });
const lines = [];
const classCounts = {};
for (const split of ['train', 't10k']) {
  for (const kind of ['images-idx3-ubyte', 'labels-idx1-ubyte']) {
    const name = `${split}-${kind}`;
    const idx = prefix(readIdx(join(source, `${name}.gz`)), counts[split]);
    // Level 9, and Node writes no name and a zero mtime: the same input gives the same bytes.
    const gz = gzipSync(idx, { level: 9 });
    writeFileSync(join(out, `${name}.gz`), gz);
    lines.push(`${sha256(gz)}  ${name}.gz`);
    if (kind.startsWith('labels')) {
      const c = new Array(10).fill(0);
      for (const label of idx.subarray(8)) c[label]++;
      classCounts[split] = c;
    }
  }
}
writeFileSync(join(out, 'SHA256SUMS'), `${lines.join('\n')}\n`);
const table = CLASSES.map((name, i) => `| ${i} | ${name} | ${classCounts.train[i]} | ${classCounts.t10k[i]} |`).join('\n');
writeFileSync(join(out, 'README.md'), `# Fashion-MNIST sample

The first ${counts.train} training images and the first ${counts.t10k} test images of
Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017, arXiv:1708.07747), 28x28 grey, in the data
set's own gzipped IDX format, so that \`experiments/quickstart.json\` trains on real images
without any download or system package. The whole data set (60 000 + 10 000 images) comes
with Debian's \`dataset-fashion-mnist\` package; the study in \`experiments/fashion-mnist/\`
uses it.

Made by \`node scripts/make-fashion-mnist-sample.mjs\` from that package's files (the output
is byte-for-byte reproducible); \`SHA256SUMS\` fingerprints the four files
(\`sha256sum -c SHA256SUMS\` in this folder checks them). Licence: MIT (Expat), Copyright
2017 Zalando SE; see \`LICENSE\`.

| label | class | training images | test images |
|---|---|---|---|
${table}
`);
writeFileSync(join(out, 'LICENSE'), `The MIT License (MIT)

Copyright (c) 2017 Zalando SE, https://tech.zalando.com

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`);
process.stdout.write(`wrote ${out}: ${counts.train} training and ${counts.t10k} test images\n`);
