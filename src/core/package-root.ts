/**
 * The package root, from this module's own place: src/core/ when run from source,
 * dist/core/ when built; both are two levels below the root. Files the package reads at
 * run time (experiments/schema.json, src/paper/paper-reference.json, CITATION.cff) and the
 * git state of provenance are found from here.
 */
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/[\\/]$/, '');
