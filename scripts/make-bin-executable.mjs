// tsc writes dist/cli/main.js without the executable bit; package.json's "bin" points at it,
// and a shell runs it through its "#!/usr/bin/env node" line only when it is executable
// (npm sets the bit when it links a package, but not again after a rebuild).
// A node script rather than `chmod` so the build also runs where there is no shell chmod.
import { chmodSync, statSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
chmodSync(main, statSync(main).mode | 0o111);
