/** Test helper: run a function that must fail with an InputError (exit 2); return its message. */
import type { Test } from 'tap';
import { InputError } from '../../src/core/errors.js';

export async function inputError(t: Test, fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (e) {
    t.type(e, InputError);
    t.equal((e as InputError).exitCode, 2);
    return (e as Error).message;
  }
  t.fail('expected an InputError');
  return '';
}
