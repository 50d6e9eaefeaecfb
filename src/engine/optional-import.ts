/**
 * Loads a package the user may not have installed. A missing package is an ordinary
 * answer (the engine is unavailable), not a crash; a package that is installed but fails
 * to load (a broken native addon, say) is reported with its own error.
 */

export type OptionalImport<T> =
  | { ok: true; module: T }
  | { ok: false; installed: boolean; message: string };

/** import(specifier), classifying failure as "not installed" or "installed but broken". */
export async function importOptional<T = Record<string, unknown>>(specifier: string): Promise<OptionalImport<T>> {
  try {
    return { ok: true, module: (await import(specifier)) as T };
  } catch (err) {
    const message = String((err as { message?: string })?.message ?? err);
    // By message, not error code: loaders (tap's, tsx) rethrow with codes of their own.
    // The missing module must be this one; a missing dependency of it means "broken".
    const notFound = /Cannot find (package|module)/.test(message) && message.includes(`'${specifier}'`);
    return { ok: false, installed: !notFound, message: firstLine(message) };
  }
}

function firstLine(s: string): string {
  const line = s.split('\n')[0];
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
