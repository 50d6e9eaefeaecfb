/**
 * Reads a JSON file without throwing: its parsed value, or the error that stopped reading or
 * parsing it. What a bad file means is the caller's to say (a gap in a report, bad input for
 * compare), so every reader of JSON files goes through this one function.
 */
import { readFileSync } from 'node:fs';

export type JsonRead<T> =
  | { value: T; text: string; error: null }
  /** `text` is what could be read ("" when the file could not be read at all). */
  | { value: null; text: string; error: Error };

export function readJson<T>(path: string): JsonRead<T> {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
    return { value: JSON.parse(text) as T, text, error: null };
  } catch (err) {
    return { value: null, text, error: err as Error };
  }
}
