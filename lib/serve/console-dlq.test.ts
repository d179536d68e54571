import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import { afterEach, describe, expect, it } from 'vitest';
import { createDlq } from '../dlq';
import { createConsoleDlqService } from './console-dlq';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true });
});

async function service(ping: () => Promise<boolean>) {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'signet-console-dlq-'));
  dirs.push(root);
  const dlq = createDlq({ dlqDir: path.join(root, 'dlq'), dlqRecoveredDir: path.join(root, 'recovered') });
  return createConsoleDlqService({ dlq, client: {} as Client, store: { ping, deliver: async () => { throw new Error('not called'); } } });
}

describe('console DLQ service', () => {
  it('describes an empty (not yet created) queue as empty', async () => {
    const s = await service(async () => true);
    expect(await s.describe()).toEqual({ signed: [], rejected: [], archivedFiles: 0, unknownEntries: 0, totals: { signedEntries: 0, rejectedEntries: 0, tornFiles: 0, badLines: 0 } });
  });

  it('refuses to start a recovery while Elasticsearch is unreachable; a refused start does not block the next', async () => {
    let up = false;
    const s = await service(async () => up);
    await expect(s.startRecovery(undefined, { startedBy: 'op' })).rejects.toMatchObject({ code: 'ERR_DLQ_RECOVERY_STORE_UNAVAILABLE' });
    expect(await s.recoveryStatus()).toEqual({ job: null });
    up = true;
    const job = await s.startRecovery(undefined, { startedBy: 'op' });
    expect(job).toMatchObject({ state: 'running', startedBy: 'op', files: null, progress: { filesTotal: 0 } });
    await s.idle();
    expect((await s.recoveryStatus()).job).toMatchObject({ id: job.id, state: 'done', report: { files: [], complete: true, stoppedBy: null } });
    await expect(s.startRecovery([{ relPath: 'acme/nope-2026-12-06.ndjson', version: '1:1' }], { startedBy: 'op' })).rejects.toMatchObject({ code: 'ERR_DLQ_RECOVERY_INPUT' });
  });
});
