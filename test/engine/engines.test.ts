/**
 * The engine registry on a machine like CI: wasm and cpu embedded, webgpu and tensorflow
 * usually not installed. Assertions about the optional engines adapt when a developer
 * machine does have them.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import { InputError } from '../../src/core/errors.js';
import {
  ENGINE_NAMES, formatDoctor, pickAuto, probeEngine, probeEngines, useEngine, releaseEngines, type EngineStatus,
} from '../../src/engine/engines.js';
import { importOptional } from '../../src/engine/optional-import.js';

t.teardown(() => releaseEngines());

t.test('an unknown engine is an InputError listing the allowed names', async (t) => {
  const err = await useEngine('tpu' as never).catch((e: unknown) => e);
  t.ok(err instanceof InputError, 'InputError');
  t.equal((err as InputError).exitCode, 2);
  t.match((err as Error).message, /"tpu" is not an engine; use "auto", "wasm", "cpu", "webgpu" or "tensorflow"/);
  await t.rejects(probeEngine('tpu' as never), InputError);
});

t.test('probeEngines lists all four engines with a reason each', async (t) => {
  const statuses = await probeEngines();
  t.same(statuses.map((s) => s.name), [...ENGINE_NAMES]);
  for (const s of statuses) {
    t.ok(s.reason.length > 0, `${s.name} has a reason`);
    t.ok(s.bitExact.length > 0, `${s.name} says what reproducibility to expect`);
    t.ok(s.rank > 0, `${s.name} has a rank`);
  }
  const wasm = statuses.find((s) => s.name === 'wasm')!;
  t.ok(wasm.usable, 'wasm is usable');
  t.match(wasm.device, /^CPU \(WebAssembly (SIMD|, no SIMD), \d+ threads?\)$/);
  t.match(wasm.version, /tfjs-core 4\.\d+\.\d+, tfjs-backend-wasm 4\.\d+\.\d+/);
  t.ok(statuses.find((s) => s.name === 'cpu')!.usable, 'cpu is usable');
  for (const s of statuses.filter((x) => !x.usable)) t.match(s.reason, /npm install|driver|--engine/, `${s.name} says how to fix it`);
});

t.test('probing leaves the active backend as it was', async (t) => {
  await useEngine('cpu');
  await probeEngine('wasm');
  t.equal(tf.getBackend(), 'cpu');
});

t.test("'tensorflow' names the package that loaded, or the one to install", async (t) => {
  const status = await probeEngine('tensorflow');
  if (status.usable) {
    t.match(status.reason, /^@tensorflow\/tfjs-node(-gpu)? loaded$/);
    t.match(status.version, /^tfjs-core \S+, @tensorflow\/tfjs-node(-gpu)? \S+$/);
    return;
  }
  const err = await useEngine('tensorflow').catch((e: unknown) => e);
  t.ok(err instanceof InputError);
  t.match((err as Error).message, /^--engine tensorflow: not usable here: .*npm install @tensorflow\/tfjs-node@\S+ \(CPU\) or @tensorflow\/tfjs-node-gpu/);
});

t.test("'webgpu' describes its adapter, or is an InputError saying why it cannot run", async (t) => {
  const status = await probeEngine('webgpu');
  if (status.usable) {
    t.match(status.device, /^GPU \(.+; Dawn\)$/, 'the adapter Dawn found');
    t.match(status.version, /@tensorflow\/tfjs-backend-webgpu \S+, webgpu \S+$/);
    return;
  }
  await t.rejects(useEngine('webgpu'), InputError);
  await t.rejects(useEngine('webgpu'), { message: /^--engine webgpu: not usable here: / });
});

t.test('auto picks the fastest usable engine and says why', async (t) => {
  const faster = (await probeEngines()).filter((s) => s.rank > 2 && s.usable).sort((a, b) => b.rank - a.rank);
  const active = await useEngine('auto');
  if (faster.length > 0) {
    t.equal(active.name, faster[0].name, 'the fastest usable engine');
    t.match(active.note, new RegExp(`^auto picked ${faster[0].name}: `));
    return;
  }
  t.equal(active.name, 'wasm');
  t.equal(tf.getBackend(), 'wasm');
  t.match(active.note, /^auto picked wasm: tensorflow .+; webgpu .+$/);
  t.match(active.device, /WebAssembly/);
});

t.test('useEngine wasm installs the conv gradient kernels and tfjs gradients', async (t) => {
  const active = await useEngine('wasm');
  t.same({ name: active.name, note: active.note }, { name: 'wasm', note: '' });
  t.ok(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm'), 'Conv2DBackpropFilter is registered');
  t.ok(tf.getGradient(tf.Conv2D), 'gradients are registered');
  const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
  const w = tf.ones([2, 2, 1, 1]) as tf.Tensor4D;
  const g = tf.grad((k: tf.Tensor) => tf.sum(tf.conv2d(x, k as tf.Tensor4D, 1, 'valid')))(w);
  t.same(Array.from(await g.data()), [9, 9, 9, 9], 'filter gradient of a sum over a 3x3 output of ones');
  tf.dispose([x, w, g]);
});

t.test('pickAuto ranks tensorflow-gpu > webgpu > tensorflow-cpu > wasm > cpu', async (t) => {
  const s = (name: EngineStatus['name'], rank: number, usable: boolean): EngineStatus =>
    ({ name, rank, usable, reason: usable ? 'ok' : 'not installed; npm install x', bitExact: '' });
  const cpuOnly = [s('wasm', 2, false), s('cpu', 1, true), s('webgpu', 4, false), s('tensorflow', 5, false)];
  t.equal(pickAuto(cpuOnly)?.pick.name, 'cpu');
  t.equal(pickAuto(cpuOnly)?.note, 'auto picked cpu: tensorflow not installed; webgpu not installed; wasm not installed');
  t.equal(pickAuto([s('wasm', 2, true), s('webgpu', 4, true), s('tensorflow', 3, true)])?.pick.name, 'webgpu');
  t.equal(pickAuto([s('wasm', 2, true), s('webgpu', 4, true), s('tensorflow', 5, true)])?.pick.name, 'tensorflow');
  t.equal(pickAuto([s('wasm', 2, true)])?.note, 'auto picked wasm: the fastest engine here');
  t.equal(pickAuto([s('cpu', 1, false)]), null);
});

t.test('formatDoctor prints a table with every engine and what auto would pick', async (t) => {
  const text = formatDoctor(await probeEngines());
  t.ok(text.endsWith('\n'));
  for (const name of ENGINE_NAMES) t.match(text, new RegExp(`^${name}\\s`, 'm'));
  t.match(text, /^auto picked \w+/m);
});

t.test('importOptional tells "not installed" from "installed"', async (t) => {
  const missing = await importOptional('@tensorflow/tfjs-node-definitely-not-here');
  t.same({ ok: missing.ok, installed: !missing.ok && missing.installed }, { ok: false, installed: false });
  t.equal((await importOptional('@tensorflow/tfjs-core')).ok, true);
});
