/**
 * A tiled GEMM for tfjs's webgpu backend: C[M, N] = sum over k of A(m, k) * B(k, n), where
 * A and B are WGSL functions that gather from the kernel's inputs (implicit im2col: no
 * unrolled matrix is ever written). Each 16x16 workgroup stages a Tx16 tile of A and a
 * 16xT tile of B in workgroup memory (T = 64 or 128) and each thread keeps a 4x4 or 8x8
 * block of C in registers (see blockFor).
 *
 * Split-K: dispatch z cuts the K range into `splits` chunks, each writing its own partial
 * C; SplitKSumProgram adds them. WHY: a filter gradient has a small C (kh*kw*Ci x Co) and a
 * huge K (batch*outH*outW), so one workgroup per C tile would leave most of the GPU idle.
 *
 * Geometry is baked into the shader as constants (the shader key carries them): AlexNet has a
 * handful of conv shapes, and constants let the compiler turn divisions into shifts/mults.
 */

export const TILE_K = 16;
const THREADS = 256; // 16 x 16

/**
 * Outputs per thread along each side: 8 (128x128 tiles, 64 FMAs per 16 workgroup-memory
 * reads) when both sides of C fill such tiles, else 4 (64x64 tiles, less padding waste).
 */
export function blockFor(spec: Pick<GemmSpec, 'm' | 'n'>): 4 | 8 {
  return spec.m >= 128 && spec.n >= 128 ? 8 : 4;
}

/** The operands of one GEMM, as WGSL source. */
export interface GemmSpec {
  /** Identifies the WGSL below for the pipeline cache (include every baked constant). */
  key: string;
  /** Names of the program's inputs, in the order runWebGPUProgram receives them. */
  variableNames: string[];
  m: number;
  n: number;
  k: number;
  /** Body of `fn loadA(m: i32, k: i32) -> f32`; called only with m < M, k < K. */
  loadA: string;
  /** Body of `fn loadB(k: i32, n: i32) -> f32`; called only with k < K, n < N. */
  loadB: string;
  /** True when consecutive m (not k) are adjacent in memory for loadA (coalesced tile loads). */
  aFastM: boolean;
  /** True when consecutive n (not k) are adjacent in memory for loadB. */
  bFastN: boolean;
  /** The final output shape; its element count is M*N, laid out row-major as [M, N]. */
  outShape: number[];
}

/** Enough workgroups to fill a large GPU, but K chunks long enough to amortise the tiles. */
export function chooseSplits(spec: Pick<GemmSpec, 'm' | 'n' | 'k'>): number {
  const tile = 16 * blockFor(spec);
  const tiles = Math.ceil(spec.m / tile) * Math.ceil(spec.n / tile);
  const wanted = Math.ceil(1024 / tiles);
  const maxByK = Math.max(1, Math.floor(spec.k / 512));
  return Math.max(1, Math.min(wanted, maxByK, 64));
}

export class GemmProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[]; y: number[]; z: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [16, 16, 1];
  private readonly kChunk: number;
  private readonly block: number;

  constructor(private readonly spec: GemmSpec, readonly splits: number) {
    this.variableNames = spec.variableNames;
    this.outputShape = splits === 1 ? spec.outShape : [splits, spec.m * spec.n];
    // Not flat (y is set), so tfjs calls main() rather than main(globalIndex).
    const rank = this.outputShape.length;
    this.dispatchLayout = { x: [rank - 1], y: [rank - 2], z: this.outputShape.slice(0, -2).map((_, i) => i) };
    const kTiles = Math.ceil(spec.k / TILE_K);
    this.kChunk = Math.ceil(kTiles / splits) * TILE_K;
    this.block = blockFor(spec);
    const tile = 16 * this.block;
    this.dispatch = [Math.ceil(spec.n / tile), Math.ceil(spec.m / tile), splits];
    this.shaderKey = `projGemm_${spec.key}_${spec.m}_${spec.n}_${spec.k}_${splits}_${this.block}`;
  }

  getUserCode(): string {
    const { m, n, k, aFastM, bFastN } = this.spec;
    const R = this.block;
    const tile = 16 * R;
    const loadsPerThreadA = (tile * TILE_K) / THREADS;
    const loadsPerThreadB = loadsPerThreadA;
    const aIndex = aFastM
      ? 'let mm = idx % TM; let kk = idx / TM;'
      : 'let kk = idx % TK; let mm = idx / TK;';
    const bIndex = bFastN
      ? 'let nn = idx % TN; let kk = idx / TN;'
      : 'let kk = idx % TK; let nn = idx / TK;';
    return `
const M = ${m};
const N = ${n};
const K = ${k};
const TM = ${tile};
const TN = ${tile};
const TK = ${TILE_K};
const K_CHUNK = ${this.kChunk};
var<workgroup> tileA: array<f32, ${tile * TILE_K}>;
var<workgroup> tileB: array<f32, ${TILE_K * tile}>;

fn loadA(m: i32, k: i32) -> f32 {
  ${this.spec.loadA}
}
fn loadB(k: i32, n: i32) -> f32 {
  ${this.spec.loadB}
}

${'fn main()'} {
  // WHY: tfjs binds its uniform buffer to every program; a shader that never reads it gets an
  // auto layout without that binding, and the bind group no longer matches.
  _ = uniforms.NAN;
  let tx = i32(localId.x);
  let ty = i32(localId.y);
  let lin = ty * 16 + tx;
  let row0 = i32(workgroupId.y) * TM;
  let col0 = i32(workgroupId.x) * TN;
  let kBegin = i32(workgroupId.z) * K_CHUNK;
  let kEnd = min(K, kBegin + K_CHUNK);
  var acc: array<array<f32, ${R}>, ${R}>;
  for (var i = 0; i < ${R}; i++) { for (var j = 0; j < ${R}; j++) { acc[i][j] = 0.0; } }
  for (var k0 = kBegin; k0 < kEnd; k0 += TK) {
    for (var l = 0; l < ${loadsPerThreadA}; l++) {
      let idx = lin + l * ${THREADS};
      ${aIndex}
      let gm = row0 + mm;
      let gk = k0 + kk;
      var v = 0.0;
      if (gm < M && gk < kEnd) { v = loadA(gm, gk); }
      tileA[kk * TM + mm] = v;
    }
    for (var l = 0; l < ${loadsPerThreadB}; l++) {
      let idx = lin + l * ${THREADS};
      ${bIndex}
      let gn = col0 + nn;
      let gk = k0 + kk;
      var v = 0.0;
      if (gn < N && gk < kEnd) { v = loadB(gk, gn); }
      tileB[kk * TN + nn] = v;
    }
    workgroupBarrier();
    for (var kk = 0; kk < TK; kk++) {
      var a: array<f32, ${R}>;
      var b: array<f32, ${R}>;
      for (var i = 0; i < ${R}; i++) { a[i] = tileA[kk * TM + ty + 16 * i]; }
      for (var j = 0; j < ${R}; j++) { b[j] = tileB[kk * TN + tx + 16 * j]; }
      for (var i = 0; i < ${R}; i++) {
        for (var j = 0; j < ${R}; j++) { acc[i][j] = fma(a[i], b[j], acc[i][j]); }
      }
    }
    workgroupBarrier();
  }
  let outBase = i32(workgroupId.z) * M * N;
  for (var i = 0; i < ${R}; i++) {
    let r = row0 + ty + 16 * i;
    for (var j = 0; j < ${R}; j++) {
      let c = col0 + tx + 16 * j;
      if (r < M && c < N) { result[outBase + r * N + c] = acc[i][j]; }
    }
  }
}
`;
  }
}

/** Adds the split-K partials [splits, size] into the final output. */
export class SplitKSumProgram {
  variableNames = ['partial'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [256, 1, 1];
  size = true;

  constructor(outShape: number[], private readonly splits: number) {
    this.outputShape = outShape;
    this.dispatchLayout = { x: outShape.map((_, i) => i) };
    const groups = Math.ceil(outShape.reduce((a, b) => a * b, 1) / 256);
    const x = Math.min(groups, 65535);
    this.dispatch = [x, Math.ceil(groups / x), 1];
    this.shaderKey = `projSplitKSum_${splits}`;
  }

  getUserCode(): string {
    return `
${'fn main(index : i32)'} {
  if (index < uniforms.size) {
    var s = 0.0;
    for (var i = 0; i < ${this.splits}; i++) { s += partial[i * uniforms.size + index]; }
    result[index] = s;
  }
}
`;
  }
}
