/**
 * Canonical JSON: object keys sorted at every depth, no whitespace, undefined members
 * dropped. Two values that mean the same configuration give the same text whatever order
 * their keys were written in, so it can be hashed (run ids) or compared (duplicates).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    if (record[key] !== undefined) sorted[key] = sortKeys(record[key]);
  }
  return sorted;
}
