/**
 * Training-time data augmentation of an experiment (`augment`), paper section 4.1. Every
 * part is switchable so the ablations can turn each off. Part of the experiment types
 * (types.ts re-exports these): the schema is generated from both.
 */

/**
 * PCA colour augmentation ("fancy PCA"): add sum_i alpha_i * lambda_i * p_i to every
 * pixel, alpha_i ~ N(0, sigma) drawn per image per use. Eigen-pairs are for RGB in [0, 1];
 * the default ones are the widely used ImageNet values (`bench data stats` computes a data
 * set's own).
 */
export interface LightingSpec {
  /**
   * @minimum 0
   * @default 0.1
   */
  sigma?: number;
  /**
   * lambda_1..3, largest first.
   * @minItems 3
   * @maxItems 3
   */
  eigenvalues?: number[];
  /**
   * p_1..3, one eigenvector (r, g, b) per entry, in the order of the eigenvalues.
   * @minItems 3
   * @maxItems 3
   */
  eigenvectors?: number[][];
}

export interface AugmentSpec {
  /**
   * Random crops of model.inputSize from the larger dataset images (the paper: 224 of 256);
   * false: the centre crop.
   * @default false
   */
  randomCrop?: boolean;
  /**
   * Horizontal reflections with probability 0.5.
   * @default false
   */
  flip?: boolean;
  /**
   * true: PCA lighting with sigma 0.1 and the ImageNet eigen-pairs; an object: those with
   * the given values replaced; false: none.
   * @default false
   */
  lighting?: boolean | LightingSpec;
}
