// Where the shared corpus of Elastic's clients-tests lives: next to the repository
// (../shared/es-conformance/tests), else the workspace's shared directory, so the suite finds it
// whether CI clones the repository beside `shared/` or anywhere else on the machine.
import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CANDIDATES = [path.resolve(ROOT, '..', 'shared', 'es-conformance', 'tests'), '/work/shared/es-conformance/tests'];

/** The first candidate that exists (the first one when none does, so the test names it). */
export function findCorpus(): string {
  return CANDIDATES.find((dir) => existsSync(dir)) ?? (CANDIDATES[0] as string);
}
