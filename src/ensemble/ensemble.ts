/**
 * `bench eval --ensemble`: the paper's ensembles (Table 2's 5-CNN and 7-CNN rows) from
 * finished runs. Each member's class probabilities over the validation set are averaged,
 * in the log domain (one model in memory at a time, member-scores.ts), the averages are
 * scored with the rules of training-time evaluation (score.ts), and one record per crop is
 * written atomically to
 * <results>/<experiment>/ensembles/<ensemble-id>.json (a public format read by reports).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../data/index.js';
import { useEngine, type EngineName } from '../engine/engines.js';
import { writeJsonAtomic } from '../core/atomic.js';
import { ensureWritableDir, experimentDir } from '../results/layout.js';
import { PACKAGE_ROOT } from '../core/package-root.js';
import { selectMembers, type MemberSelection } from './members.js';
import { accumulateMember, type CropName, type LogProbabilitySums } from './member-scores.js';
import { scoreLogProbabilities } from './score.js';

export const ENSEMBLE_FORMAT_VERSION = 1;

/** The record's contract: change it only with ENSEMBLE_FORMAT_VERSION. */
export interface EnsembleRecord {
  version: typeof ENSEMBLE_FORMAT_VERSION;
  kind: 'ensemble';
  experiment: string;
  members: string[];
  memberCount: number;
  split: 'val';
  crop: CropName;
  /** Cross-entropy of the averaged probabilities; null in the JSON when not finite (a member gave NaN or Infinity). */
  loss: number;
  /** Error rates as fractions in 0..1: top1, top5 and any other k the runs evaluate. */
  errors: Record<string, number>;
  examples: number;
  engine: string;
  createdBy: string;
}

export interface EnsembleRequest extends MemberSelection {
  engine: EngineName | 'auto';
  /** Decoded-data cache folder (imagenet-folder); absent: decode every time. */
  cacheDir?: string;
  /** Called before each member is evaluated (progress). */
  onMember?: (index: number, total: number, runId: string) => void;
}

export interface EnsembleOutcome {
  record: EnsembleRecord;
  path: string;
}

/** Short, stable id: the same members, crop and engine always give the same file. */
export function ensembleId(members: readonly string[], crop: CropName, engine: string): string {
  const key = JSON.stringify({ members: [...members].sort(), crop, engine });
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

function createdBy(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  return `bench eval ${pkg.version}`;
}

export async function evaluateEnsemble(req: EnsembleRequest): Promise<EnsembleOutcome[]> {
  // Every check of the input before any work.
  const members = selectMembers(req);
  const first = members[0];
  const outDir = experimentDir(first.resultsDir, first.run.experiment);
  ensureWritableDir(join(outDir, 'ensembles'));
  const engine = await useEngine(req.engine);
  const crops: CropName[] = members.every((x) => x.run.evaluation.tenCrop) ? ['centre', 'ten-crop'] : ['centre'];
  const dataset = await loadDataset(first.run.dataset, { cacheDir: req.cacheDir });
  const sums: LogProbabilitySums = new Map();
  for (const [i, member] of members.entries()) {
    req.onMember?.(i + 1, members.length, member.runId);
    await accumulateMember({ member, dataset, crops, sums });
  }
  // top-1 and top-5 always (the paper's pair), plus whatever else the runs report.
  const topK = [...new Set([1, 5, ...first.run.evaluation.topK])].sort((a, b) => a - b);
  const ids = members.map((x) => x.runId);
  const outcomes: EnsembleOutcome[] = [];
  for (const crop of crops) {
    const metrics = await scoreLogProbabilities({ logSums: sums.get(crop)!, members: members.length, labels: dataset.val.labels, classes: dataset.classes, topK });
    const record: EnsembleRecord = {
      version: ENSEMBLE_FORMAT_VERSION, kind: 'ensemble', experiment: first.run.experiment, members: ids, memberCount: ids.length,
      split: 'val', crop, loss: metrics.loss, errors: metrics.errors, examples: dataset.val.count, engine: engine.name, createdBy: createdBy(),
    };
    const path = join(outDir, 'ensembles', `${ensembleId(ids, crop, engine.name)}.json`);
    writeJsonAtomic(path, record);
    outcomes.push({ record, path });
  }
  return outcomes;
}

/** A small plain-text table of the outcomes, for the terminal. */
export function formatEnsembleTable(outcomes: readonly EnsembleOutcome[]): string {
  const pct = (v: number | undefined) => (v === undefined ? '-' : `${(v * 100).toFixed(2)}%`);
  const rows = [['crop', 'members', 'top-1 error', 'top-5 error', 'loss', 'examples', 'file']];
  for (const { record: r, path } of outcomes) {
    rows.push([r.crop, String(r.memberCount), pct(r.errors.top1), pct(r.errors.top5), r.loss.toFixed(4), String(r.examples), path]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}
