/**
 * Experiment files -> ValidatedExperiment: JSON syntax (with line and column), the
 * committed schema (Ajv, draft 2020-12), then the rules the schema cannot express.
 * Every problem of every file is collected and thrown as ONE InputError (exit 2), one
 * line each, so a user fixes a file in one pass instead of one error per run.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { InputError } from '../core/errors.js';
import { positionAt, scanJson } from './json-syntax.js';
import { at, validationMessages as m } from './messages.js';
import { explainSchemaErrors, type SchemaErrorContext } from './schema-errors.js';
import { semanticProblems } from './semantic-checks.js';
import type { Experiment } from './types.js';

declare const validatedStage: unique symbol;

/**
 * An experiment that passed every check, with the file it came from. The brand makes it
 * a distinct stage: only this module creates one, so resolveExperiment cannot be handed
 * an unchecked object.
 */
export interface ValidatedExperiment {
  readonly source: string;
  readonly experiment: Experiment;
  readonly [validatedStage]: true;
}

type Node = { [key: string]: unknown };

/**
 * The committed schema, read at run time rather than imported: tsconfig's rootDir is
 * src/, and experiments/ sits two levels above both src/experiment/ and
 * dist/experiment/, so the same relative URL works from source and build.
 */
const SCHEMA_URL = new URL('../../experiments/schema.json', import.meta.url);

interface Checker {
  validate: ValidateFunction;
  context: Omit<SchemaErrorContext, 'file'>;
}

let checker: Checker | undefined;

/** Compiles the schema once per process (Ajv compilation is the slow part). */
function schemaChecker(): Checker {
  if (checker) return checker;
  const root = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Node;
  // verbose: errors carry the failing value and schema, which the messages quote.
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
  const validate = ajv.compile(root);
  const branches = new WeakMap<Node, ValidateFunction>();
  const compileBranch = (branch: Node): ValidateFunction => {
    let v = branches.get(branch);
    if (!v) {
      // The branch alone, with the root's $defs beside it so its local $refs resolve.
      v = ajv.compile({ $defs: root.$defs, ...branch });
      branches.set(branch, v);
    }
    return v;
  };
  checker = { validate, context: { root, compileBranch } };
  return checker;
}

/** Every problem in one file's text; [] when it is valid. */
export function experimentProblems(text: string, source: string): { problems: string[]; data?: unknown } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const scan = scanJson(body);
  if (scan.error) return { problems: [m.invalidJson(source, positionAt(body, scan.error.offset), scan.error)] };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    return { problems: [m.invalidJsonRaw(source, (e as Error).message)] };
  }
  const problems = scan.duplicates.map((d) => m.duplicateKey(at(source, d.pointer), positionAt(body, d.firstOffset).line));
  const { validate, context } = schemaChecker();
  if (!validate(data)) problems.push(...explainSchemaErrors(validate.errors ?? [], { ...context, file: source }));
  problems.push(...semanticProblems(source, data));
  return { problems, data };
}

function brand(source: string, experiment: Experiment): ValidatedExperiment {
  return { source, experiment } as ValidatedExperiment;
}

/** Validates text read from `source` (used in messages); throws InputError listing every problem. */
export function validateExperimentText(text: string, source: string): ValidatedExperiment {
  const { problems, data } = experimentProblems(text, source);
  if (problems.length) throw new InputError(problems.join('\n'));
  return brand(source, data as Experiment);
}

function readExperimentFile(path: string): { text?: string; problem?: string } {
  try {
    return { text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: m.fileNotFound(path) };
    return { problem: m.unreadable(path, code ?? (e as Error).message) };
  }
}

export function validateExperimentFile(path: string): ValidatedExperiment {
  return validateExperimentFiles([path])[0];
}

/**
 * Validates every file and throws one InputError with the problems of all of them;
 * two files with the same `name` would write into the same results folder, so that is
 * a problem too.
 */
export function validateExperimentFiles(paths: readonly string[]): ValidatedExperiment[] {
  const problems: string[] = [];
  const validated: ValidatedExperiment[] = [];
  const nameOwner = new Map<string, string>();
  for (const path of paths) {
    const { text, problem } = readExperimentFile(path);
    if (problem !== undefined || text === undefined) {
      problems.push(problem ?? m.fileNotFound(path));
      continue;
    }
    const result = experimentProblems(text, path);
    problems.push(...result.problems);
    if (result.problems.length) continue;
    const experiment = result.data as Experiment;
    const owner = nameOwner.get(experiment.name);
    if (owner !== undefined) problems.push(m.duplicateName(at(path, '/name'), experiment.name, owner));
    else nameOwner.set(experiment.name, path);
    validated.push(brand(path, experiment));
  }
  if (problems.length) throw new InputError(problems.join('\n'));
  return validated;
}
