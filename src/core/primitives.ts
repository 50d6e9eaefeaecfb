/**
 * Number types shared by every layer, with the constraints the experiment schema enforces
 * (JSDoc tags become schema keywords: see src/experiment/types.ts).
 */

/**
 * A whole number >= 1 (counts, sizes, epochs).
 * @asType integer
 * @minimum 1
 */
export type PositiveInteger = number;

/**
 * A root or data seed: a whole number >= 1. Never 0 (tfjs treats 0 as "unseeded");
 * at most 2^31 - 1 so that it is an exact, portable seed everywhere (src/core/rng.ts).
 * @asType integer
 * @minimum 1
 * @maximum 2147483647
 */
export type Seed = number;
