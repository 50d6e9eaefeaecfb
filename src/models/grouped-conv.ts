/**
 * Grouped convolution from plain tfjs ops, the single-device emulation of the paper's two
 * GPU towers (section 3.2): a layer that only sees its own tower convolves each half of
 * the input channels with its own half of the kernels. tfjs has no `groups` argument.
 */
import * as tf from '@tensorflow/tfjs-core';

export interface ConvOptions {
  /** 1 for an ordinary convolution. */
  groups: number;
  stride: number;
  /** Zero padding on every side, in pixels (explicit, so sizes match the arithmetic of geometry.ts). */
  padding: number;
}

/**
 * x: [batch, h, w, cin]; kernel: [kh, kw, cin / groups, cout], one tensor for all groups
 * (as Caffe stores it), whose output channels [g * cout/groups, (g + 1) * cout/groups)
 * belong to group g. Returns [batch, h', w', cout], the groups concatenated in order.
 */
export function groupedConv2d(x: tf.Tensor4D, kernel: tf.Tensor4D, opts: ConvOptions): tf.Tensor4D {
  const { groups, stride, padding } = opts;
  const inPerGroup = kernel.shape[2];
  const out = kernel.shape[3];
  if (x.shape[3] !== inPerGroup * groups || out % groups !== 0) {
    throw new Error(
      `grouped conv: input has ${x.shape[3]} channels and the kernel is [${kernel.shape}] for ${groups} groups;` +
        ` need input channels = kernel dim 2 x groups and kernel dim 3 divisible by groups`,
    );
  }
  if (groups === 1) return tf.conv2d(x, kernel, stride, padding);
  return tf.tidy(() => {
    const xs = tf.split(x, groups, 3) as tf.Tensor4D[];
    const ks = tf.split(kernel, groups, 3) as tf.Tensor4D[];
    const ys = xs.map((xg, g) => tf.conv2d(xg, ks[g], stride, padding) as tf.Tensor4D);
    return tf.concat4d(ys, 3);
  });
}
