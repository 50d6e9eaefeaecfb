/** Messages of `bench cite` for bad input: `<where>: <what is wrong>; <the fix>`. */
import { quote } from '../core/errors.js';

export const citeMessages = {
  citationFile: (path: string, field: string) =>
    `${path}: CITATION.cff lacks ${quote(field)}; restore the file from the repository`,
} as const;
