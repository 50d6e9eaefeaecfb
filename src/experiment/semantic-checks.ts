/**
 * Rules the schema cannot express: repeated seeds or matrix values (a repeated seed would
 * run the same run twice and count it twice in the statistics), an even LRN window, top-k
 * beyond the class count. They run on the parsed file even when it has schema errors, so
 * every problem is reported at once; each check skips values of the wrong shape (the
 * schema errors already cover those).
 */
import { canonicalJson } from '../core/canonical-json.js';
import { DATASET_DEFAULTS } from './defaults.js';
import { at, validationMessages as m } from './messages.js';
import { referenceIds } from '../paper/reference.js';

type Node = { [key: string]: unknown };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `/pointer/i: value repeats /pointer/j` for every value seen before in the list. */
function repeatsIn(file: string, pointer: string, list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const firstIndex = new Map<string, number>();
  const problems: string[] = [];
  list.forEach((value, i) => {
    const key = canonicalJson(value);
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, i);
    else problems.push(m.repeated(at(file, `${pointer}/${i}`), value, `${pointer}/${first}`));
  });
  return problems;
}

function lrnWindow(file: string, pointer: string, lrn: unknown): string[] {
  if (!isNode(lrn) || !Number.isInteger(lrn.n) || (lrn.n as number) % 2 !== 0) return [];
  return [m.lrnWindowEven(at(file, `${pointer}/n`), lrn.n as number)];
}

function topKWithinClasses(file: string, data: Node): string[] {
  const topK = isNode(data.evaluation) ? data.evaluation.topK : undefined;
  if (!Array.isArray(topK)) return [];
  const given = isNode(data.dataset) ? data.dataset.classes : undefined;
  // An invalid class count is a schema error already; comparing against it says nothing.
  if (given !== undefined && !(Number.isInteger(given) && (given as number) >= 2)) return [];
  const classes = given === undefined ? DATASET_DEFAULTS.classes : (given as number);
  return topK.flatMap((k, i) =>
    typeof k === 'number' && k >= classes ? [m.topKTooLarge(at(file, `/evaluation/topK/${i}`), k, classes)] : [],
  );
}

export function semanticProblems(file: string, data: unknown): string[] {
  if (!isNode(data)) return [];
  const problems = [...repeatsIn(file, '/seeds', data.seeds)];
  if (isNode(data.model)) problems.push(...lrnWindow(file, '/model/lrn', data.model.lrn));
  if (isNode(data.evaluation)) problems.push(...repeatsIn(file, '/evaluation/topK', data.evaluation.topK));
  problems.push(...topKWithinClasses(file, data));
  if (typeof data.reference === 'string' && !referenceIds().includes(data.reference)) {
    problems.push(m.notAReferenceRow(at(file, '/reference'), data.reference, referenceIds()));
  }
  if (isNode(data.matrix)) problems.push(...gridProblems(file, '/matrix', data.matrix));
  if (Array.isArray(data.matrix)) data.matrix.forEach((grid, i) => problems.push(...(isNode(grid) ? gridProblems(file, `/matrix/${i}`, grid) : [])));
  return problems;
}

/** Repeated values within one axis of one grid (the same value in two grids is allowed: their runs are pooled). */
function gridProblems(file: string, pointer: string, grid: Node): string[] {
  return Object.entries(grid).flatMap(([axis, values]) => [
    ...repeatsIn(file, `${pointer}/${axis}`, values),
    ...(axis === 'lrn' && Array.isArray(values) ? values.flatMap((v, i) => lrnWindow(file, `${pointer}/lrn/${i}`, v)) : []),
  ]);
}
