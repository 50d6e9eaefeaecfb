/**
 * explainEngineError: a wasm abort (what an exhausted 4 GiB wasm heap looks like) becomes
 * a message with the cause and the fixes; anything else keeps its own message.
 */
import t from 'tap';
import { explainEngineError } from '../../src/engine/engine-errors.js';

t.test('a wasm abort names the memory cap and the fixes', async (t) => {
  const abort = new Error('Aborted(). Build with -sASSERTIONS for more info.');
  t.match(explainEngineError(abort, 'wasm'), /^engine wasm: WebAssembly aborted, most likely out of memory .*4 GiB.*lower training\.batchSize .*--engine webgpu or tensorflow/);
});

t.test('other errors and other engines keep their message', async (t) => {
  t.equal(explainEngineError(new Error('no gradient for weight w'), 'wasm'), 'no gradient for weight w');
  t.equal(explainEngineError(new Error('Aborted()'), 'cpu'), 'Aborted()');
  t.equal(explainEngineError('plain string', 'wasm'), 'plain string');
});
