/**
 * Registers tfjs's gradient functions, which tfjs-core does not do by itself: its Node
 * bundle (`main`, CommonJS) carries no gradients, and the documented side-effect import
 * `@tensorflow/tfjs-core/dist/register_all_gradients` is an ES-module tree written for
 * bundlers (extensionless and folder imports) that Node cannot load as is.
 *
 * WHY a resolve hook: it lets Node load that tree unchanged, adding `.js` to the
 * extensionless relative specifiers inside tfjs-core's dist (each names a file X.js), and marking its files as ES modules
 * (the package has no "type": "module"; under loaders such as tap's, Node would otherwise
 * take the CommonJS path and refuse the tree's import cycles). The tree is a second copy of the op
 * code, but tfjs keeps its engine and kernel/gradient registries on the global object, and
 * Tensor's instanceof check is duck-typed, so the gradients run on the one shared engine.
 * Costs about 2 s once per process.
 */
import * as tf from '@tensorflow/tfjs-core';
import { register } from 'node:module';

const HOOK_SOURCE = `
const DIST = '/@tensorflow/tfjs-core/dist/';
const asModule = (r) => (r.url.includes(DIST) && !/\\/tf-core[.]/.test(r.url) ? { ...r, format: 'module' } : r);
export async function resolve(specifier, context, next) {
  const inDist = specifier.startsWith('.') && !specifier.endsWith('.js') && String(context.parentURL).includes(DIST);
  return asModule(await next(inDist ? specifier + '.js' : specifier, context));
}`;

let loading: Promise<void> | undefined;

/** Make tf.grad / tf.variableGrads work. Idempotent; safe to call from every engine setup. */
export function ensureGradients(): Promise<void> {
  if (tf.getGradient(tf.Conv2D) !== undefined) return Promise.resolve();
  loading ??= loadGradients();
  return loading;
}

async function loadGradients(): Promise<void> {
  register(`data:text/javascript,${encodeURIComponent(HOOK_SOURCE)}`);
  // A variable specifier keeps TypeScript from resolving (and type-checking) the ESM tree.
  const specifier = '@tensorflow/tfjs-core/dist/register_all_gradients.js';
  try {
    await import(specifier);
  } catch (err) {
    // In a bundle (esbuild, e.g. bench/device/pack.sh) there is no node_modules to load
    // from; the entry must import the gradients statically instead.
    throw new Error(`cannot load tfjs gradients (${(err as Error).message}); in a bundle, import '${specifier.replace(/\.js$/, '')}' in the entry script`);
  }
  if (tf.getGradient(tf.Conv2D) === undefined) {
    throw new Error('tfjs gradients did not register; is @tensorflow/tfjs-core 4.22 installed once (not twice)?');
  }
}

