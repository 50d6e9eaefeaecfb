/** The installed version of a package, read from its package.json (tfjs backends do not all export one). */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
