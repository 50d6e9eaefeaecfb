/** The vendor figures of Question 4: the paper's GTX 580 first, every row with its source, sizes in GiB as sold. */
import t from 'tap';
import { ACCELERATORS, GB_BYTES } from '../../src/paper/accelerators.js';

t.test('the paper\'s device first, then today\'s by memory, each with a source', async (t) => {
  t.match(ACCELERATORS[0]!.name, /GTX 580/);
  t.equal(ACCELERATORS[0]!.memoryGB, 3, 'the paper, section 2: 3 GB');
  const today = ACCELERATORS.slice(1).map((a) => a.memoryGB);
  t.same(today, [...today].sort((a, b) => a - b), 'smallest memory first');
  for (const a of ACCELERATORS) t.match(a.source, /^(the paper|vendor specification)/, `${a.name}: its source is named`);
  t.equal(GB_BYTES, 2 ** 30);
});
