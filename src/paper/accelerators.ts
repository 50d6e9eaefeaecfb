/**
 * Memory sizes of single accelerators, for Question 4 (does the paper's net still need two
 * devices?). VENDOR FIGURES, NOT MEASUREMENTS: each size is what the vendor's specification
 * page states for one device (the GTX 580's is what the paper states, section 2), in the
 * vendors' GB, which for GPU memory means 2^30 bytes. Nothing here was measured by this
 * project; the report labels every row so.
 */

export interface Accelerator {
  name: string;
  /** Memory of one device in GB (2^30 bytes), as the source states it. */
  memoryGB: number;
  /** Year of release. */
  year: number;
  /** Where the figure comes from. */
  source: string;
}

export const GB_BYTES = 2 ** 30;

/** The paper's device first, then today's single accelerators, smallest memory first. */
export const ACCELERATORS: readonly Accelerator[] = [
  { name: 'NVIDIA GeForce GTX 580 (the paper\'s, 3 GB board)', memoryGB: 3, year: 2010, source: 'the paper, section 2: "a single GTX 580 GPU has only 3GB of memory"' },
  { name: 'Google Cloud TPU v5e (one chip)', memoryGB: 16, year: 2023, source: 'vendor specification: cloud.google.com/tpu/docs/v5e' },
  { name: 'NVIDIA GeForce RTX 4090', memoryGB: 24, year: 2022, source: 'vendor specification: nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4090' },
  { name: 'NVIDIA A100 80GB', memoryGB: 80, year: 2020, source: 'vendor specification: nvidia.com/en-us/data-center/a100' },
  { name: 'NVIDIA H100 SXM', memoryGB: 80, year: 2022, source: 'vendor specification: nvidia.com/en-us/data-center/h100' },
  { name: 'NVIDIA H200', memoryGB: 141, year: 2024, source: 'vendor specification: nvidia.com/en-us/data-center/h200' },
  { name: 'AMD Instinct MI300X', memoryGB: 192, year: 2023, source: 'vendor specification: amd.com/en/products/accelerators/instinct/mi300/mi300x.html' },
];
