import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChainService } from '../chains';
import type { Dlq } from '../dlq';
import type { KeyStore } from '../keys';
import type { SignetMetrics } from '../metrics';
import { createStatusHandlers, nearestExisting } from './status-handlers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function handlers(dataDir: string) {
  const dlq = { status: async () => ({ empty: true, signedFiles: 0, rejectedFiles: 0 }) } as unknown as Dlq;
  const keys = { backups: async () => [] } as unknown as KeyStore;
  const chains = { status: () => [], capacity: () => ({ chains: 0, max: 1000 }) } as unknown as ChainService;
  return createStatusHandlers({ dlq, keys, chains, metrics: {} as SignetMetrics, ping: async () => true, dataDir }); // health reads no metric
}

describe('health', () => {
  it('is ok on a fresh install whose key folder does not exist yet (measured on the file system it will be made on)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-health-'));
    dirs.push(root);
    const a = await handlers(path.join(root, 'data', 'keys')).health();
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ status: 'ok', problems: [], disk: { free_bytes: expect.any(Number), total_bytes: expect.any(Number) } });
  });

  it('finds the nearest existing folder and its device', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-health-'));
    dirs.push(root);
    expect(await nearestExisting(path.join(root, 'a', 'b'))).toEqual({ dir: root, dev: String(fs.statSync(root).dev) });
    expect(await nearestExisting(root)).toEqual({ dir: root, dev: String(fs.statSync(root).dev) });
  });
});
