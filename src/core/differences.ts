/** A short description of where two JSON-like values differ, for messages about conflicting records. */
import { canonicalJson } from './canonical-json.js';
import { quote } from './errors.js';

/** "/training/learningRate 0.01 -> 0.02, /engine "wasm" -> "cpu"": the first few differing leaves. */
export function differences(a: unknown, b: unknown, at = '', out: string[] = []): string {
  if (out.length < 4) {
    if (isObject(a) && isObject(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) differences(a[key], b[key], `${at}/${key}`, out);
    } else if (canonicalJson(a) !== canonicalJson(b)) {
      out.push(`${at || '/'} ${quote(a)} -> ${quote(b)}`);
    }
  }
  return at === '' ? (out.length ? out.slice(0, 3).join(', ') : 'no difference in the resolved config') : '';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
