/** The --engine option shared by the commands that compute. */
import { ENGINE_CHOICES, type EngineName } from '../../engine/engines.js';
import { InputError, messages } from '../../core/errors.js';

export { ENGINE_CHOICES } from '../../engine/engines.js';

export function parseEngine(value: string): EngineName | 'auto' {
  if (!ENGINE_CHOICES.includes(value)) throw new InputError(messages.unknownEngine(value, ENGINE_CHOICES));
  return value as EngineName | 'auto';
}
