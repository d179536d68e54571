import path from 'node:path';
import { nameComponentProblem, type ChainIdentity } from '../chain';
import { errnoCode } from '../durable-fs';
import { identityFromKeyFileName } from './key-paths';
import type { KeyStoreContext } from './key-store-context';
import { KeyStoreError } from './key-store-error';

/**
 * The chains that have a key file in `dataDir` (regular files named by the rules, in a real
 * folder named after their customer), sorted by name. Reads directories and lstat only.
 * @throws {KeyStoreError} `ERR_KEYS_IO`.
 */
export async function listChains(ctx: KeyStoreContext): Promise<ChainIdentity[]> {
  const out: { id: ChainIdentity; name: string }[] = [];
  for (const customer of await readdirOrEmpty(ctx, ctx.dataDir)) {
    if (nameComponentProblem(customer) !== null) continue;
    const dir = path.join(ctx.dataDir, customer);
    if (!(await lstatSafe(ctx, dir))?.isDirectory()) continue;
    for (const name of await readdirOrEmpty(ctx, dir)) {
      const id = identityFromKeyFileName(customer, name);
      if (id !== null && (await lstatSafe(ctx, path.join(dir, name)))?.isFile()) out.push({ id, name });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((x) => x.id);
}

export async function readdirOrEmpty(ctx: KeyStoreContext, dir: string): Promise<string[]> {
  try {
    return (await ctx.fs.readdir(dir)).sort();
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return [];
    throw new KeyStoreError('ERR_KEYS_IO', `cannot read key folder ${dir} (${errnoCode(err) ?? 'error'})`, { cause: err });
  }
}

export async function lstatSafe(ctx: KeyStoreContext, p: string) {
  try {
    return await ctx.fs.lstat(p);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return null;
    throw new KeyStoreError('ERR_KEYS_IO', `cannot stat ${p} (${errnoCode(err) ?? 'error'})`, { cause: err });
  }
}
