// Helpers shared by the chain writer's protocol tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { keyFromHex } from '../../chain';
import { ownerOf } from '../../durable-fs';
import { K0, log } from './fake-ports';

export const key0 = () => keyFromHex(K0);
export const logs = (from: number, n: number) => Array.from({ length: n }, (_, i) => log(from + i));
export const lockFile = (outboxDir: string) => path.join(outboxDir, 'acme', 'elproxysigned-acme-6_months-0.lock');

/** What a kill -9 leaves: the chain's owner lock names a process that is gone. */
export async function orphanLock(outboxDir: string): Promise<void> {
  const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
  fs.writeFileSync(lockFile(outboxDir), JSON.stringify(await ownerOf(dead)));
}
