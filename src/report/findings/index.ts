/**
 * The findings: one paragraph per question of the study and per claim of the paper, written
 * from the report's numbers by the templates in this folder, so a sentence can never disagree
 * with its table. A question or claim without data says which experiment would answer it.
 */
import type { ReferenceClaim } from '../../paper/reference.js';
import type { ClaimResult } from '../claim-result.js';
import type { StudyModel } from '../study/index.js';
import { claimFinding, type Finding } from './claims.js';
import { question1, question2 } from './questions-1-2.js';
import { question3, question4 } from './questions-3-4.js';

export type { Finding } from './claims.js';

export function findings(study: StudyModel, claims: readonly ReferenceClaim[], claimRows: readonly ClaimResult[]): Finding[] {
  return [
    question1(study),
    question2(study, claims, claimRows),
    question3(study),
    question4(study),
    ...claims.map((c) => claimFinding(c, claimRows.filter((r) => r.id === c.id), study)),
  ];
}
