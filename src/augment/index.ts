/** Data augmentation (paper section 4.1): training crops/mirrors/lighting, test patches. */
export * from './random-crop.js';
export * from './flip.js';
export * from './pca-lighting.js';
export * from './ten-crop.js';
export * from './pipeline.js';
