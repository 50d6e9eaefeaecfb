/**
 * SGD with momentum and weight decay exactly as the paper writes it (section 5):
 *   v <- momentum * v - weightDecay * lr * w - lr * dL/dw
 *   w <- w + v
 * Weight decay is part of the update (not an L2 term in the loss), and applies to every
 * weight, biases included, as in the paper's formula. The velocity buffers are the
 * optimizer's whole state: `state()` / `restore()` expose them for checkpoints.
 */
import * as tf from '@tensorflow/tfjs-core';
import { fusedSgdMomentum } from '../engine/fused-kernels.js';

export interface SgdOptions {
  weights: ReadonlyArray<{ name: string; variable: tf.Variable }>;
  momentum: number;
  weightDecay: number;
}

export interface Sgd {
  /** Applies one update with `learningRate`; consumes (disposes) the gradients. */
  step(grads: tf.NamedTensorMap, learningRate: number): void;
  /** The velocity of each weight, by weight name (live tensors owned by the optimizer). */
  velocities(): ReadonlyArray<{ name: string; tensor: tf.Tensor }>;
  /** Sets every velocity from a checkpoint (by weight name; shapes must match). */
  restore(velocities: tf.NamedTensorMap): void;
  dispose(): void;
}

export function createSgd({ weights, momentum, weightDecay }: SgdOptions): Sgd {
  const velocity = weights.map(({ name, variable }) => {
    // tf.variable keeps its own reference to the data: the initial tensor must be freed.
    const zeros = tf.zerosLike(variable);
    const v = tf.variable(zeros, false);
    zeros.dispose();
    return { name, variable, v };
  });
  return {
    step(grads, learningRate) {
      tf.tidy(() => {
        const lr = tf.scalar(learningRate);
        const decay = tf.scalar(weightDecay * learningRate);
        const mom = tf.scalar(momentum);
        for (const { variable, v } of velocity) {
          const g = grads[variable.name];
          if (!g) throw new Error(`no gradient for weight ${variable.name}`);
          // One fused pass where the engine has it (small weights on wasm), the same bits.
          const fused = fusedSgdMomentum(variable, v, g, { learningRate, momentum, decayRate: weightDecay * learningRate });
          if (fused !== null) {
            v.assign(fused[0]);
            variable.assign(fused[1]);
            continue;
          }
          const next = tf.sub(tf.sub(tf.mul(mom, v), tf.mul(decay, variable)), tf.mul(lr, g));
          v.assign(next);
          variable.assign(tf.add(variable, next));
        }
      });
      for (const g of Object.values(grads)) g.dispose();
    },
    velocities: () => velocity.map(({ name, v }) => ({ name, tensor: v })),
    restore(saved) {
      for (const { name, v } of velocity) {
        const t = saved[name];
        if (!t) throw new RangeError(`no saved velocity for weight ${name}`);
        v.assign(t);
      }
    },
    dispose() {
      for (const { v } of velocity) v.dispose();
    },
  };
}
