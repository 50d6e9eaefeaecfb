/** Messages of `bench report` for bad input: `<where>: <what is wrong>; <the fix>`. */
import { quote } from '../core/errors.js';

export const reportMessages = {
  noFolder: (folder: string) => `${folder}: results folder does not exist; give a folder written by "bench run --out"`,
  emptyFolder: (folder: string) =>
    `${folder}: no experiment results here (no <experiment>/experiment.resolved.json); run "bench run EXPERIMENT --out ${folder}" first, or give the folder it wrote`,
  badResolved: (path: string) => `${path}: not readable JSON; re-run the experiment to rewrite it`,
  noRuns: (dir: string) => `${dir}: the experiment has no runs yet (no <run-id>/run.json); wait for "bench run" to start them`,
  mixedRuns: (path: string, found: string, expected: string) =>
    `${path}: run of experiment ${quote(found)} inside the folder of ${quote(expected)}; move it to its own experiment folder`,
  folderTwice: (folder: string) => `${folder}: results folder given more than once; give each folder once`,
  noOut: () => `--out: missing; name the folder to write the report to`,
  outNotReport: (out: string) =>
    `${out}: --out exists and is not a report folder (no report.json); choose a new or empty folder, or remove it first`,
  outIsResults: (out: string, folder: string) =>
    `${out}: --out is the results folder ${quote(folder)} or contains it; a report replaces its folder, so choose another one (e.g. reports/<name>)`,
  noFonts: (dir: string) =>
    `${dir}: DejaVu fonts not found, so PNG figures have no text; install fonts-dejavu-core (the SVG figures and index.html are unaffected)`,
};
