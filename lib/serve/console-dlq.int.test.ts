// Issue 7 item 3 against the real service and store: a mapping conflict on a signed field puts
// signed logs in the DLQ; the console's DLQ service lists each file with a version, pages and
// searches its entries (with the Elasticsearch error and the document as stored), archives one
// file into `archive_dlq` (refusing a file that changed since it was listed), and recovers another
// in the background after the cause is fixed (rollover), closing the chain's gap.
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDlq } from '../dlq';
import { createStore } from '../store';
import { iterationsOf, makeLog, makeLogs, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';
import { createConsoleDlqService } from './console-dlq';

describe('console DLQ service against the running service', () => {
  let h: Harness;
  let client: Client;
  beforeEach(async () => {
    h = await startHarness({ retries: 1, sleepMs: 2 });
    client = new Client({ node: h.es.url });
  });
  afterEach(async () => {
    await client.close();
    await h.close();
  });

  it('lists, pages and searches entries, archives one file, recovers another after the fix', async () => {
    const A = testChain('dlqarch');
    const B = testChain('dlqrecov');
    for (const c of [A, B]) {
      expect((await h.post(makeLogs(c, [0, 1]))).status).toBe(200); // seq mapped as a number
      const bad = makeLog(c, 2, { note: 'needle-in-the-haystack' });
      bad.seq = 'two'; // signed, no longer a number: DLQ
      expect((await h.post([bad, makeLog(c, 3)])).body).toMatchObject({ dlq: 1 });
    }
    expect((await h.post([{ message: 'no metadata' }])).body).toMatchObject({ rejected: 1 });

    const dlq = createDlq({ dlqDir: h.dlqDir, dlqRecoveredDir: path.join(h.dir, 'data', 'dlq_recovered') });
    const service = createConsoleDlqService({ dlq, client, store: createStore(client, { failureMaxRetries: 0, failureSleepMsBetweenRetries: 0 }) });
    const overview = await service.describe();
    expect(overview.signed.map((f) => f.customer).sort()).toEqual([A.customer, B.customer]);
    expect(overview.rejected).toHaveLength(1);
    const fileA = overview.signed.find((f) => f.customer === A.customer)!;
    const fileB = overview.signed.find((f) => f.customer === B.customer)!;
    expect(fileA.version).toMatch(/^\d+:\d+(\.\d+)?$/);

    // Entries: the Elasticsearch error and the document exactly as signed.
    const page = await service.entries({ file: fileA.relPath, page: 0, size: 20 });
    expect(page).toMatchObject({ kind: 'signed', total: 1, version: fileA.version });
    expect(page.entries[0]).toMatchObject({ line: 1, iteration: 2, problem: null, error: { type: 'document_parsing_exception' } });
    expect(page.entries[0]?.error?.reason).toContain('seq');
    expect(page.entries[0]?.text).toContain('"seq":"two"');
    expect(page.entries[0]?.text).toContain('"ES_BLOCKCHAIN"');
    expect((await service.entries({ file: fileA.relPath, page: 0, size: 20, q: 'NEEDLE-IN' })).total).toBe(1);
    expect((await service.entries({ file: fileA.relPath, page: 0, size: 20, q: 'not there' }))).toMatchObject({ total: 0, entries: [] });
    expect((await service.entries({ file: fileA.relPath, page: 1, size: 20 })).entries).toEqual([]);
    const rejected = await service.entries({ file: overview.rejected[0]!.relPath, page: 0, size: 20 });
    expect(rejected.entries[0]?.reason).toContain('EBP_METADATA');
    await expect(service.entries({ file: `${A.customer}/nope-2026-01-01.ndjson`, page: 0, size: 20 })).rejects.toMatchObject({ code: 'ERR_DLQ_NOT_FOUND', status: 404 });

    // Archive: a file that changed since it was listed is refused, nothing moved.
    const bad = makeLog(A, 4);
    bad.seq = 'four';
    expect((await h.post([bad])).body).toMatchObject({ dlq: 1 });
    await expect(service.archive({ file: fileA.relPath, version: fileA.version })).rejects.toMatchObject({ code: 'ERR_DLQ_CHANGED', status: 409 });
    const fresh = (await service.describe()).signed.find((f) => f.relPath === fileA.relPath)!;
    expect(fresh.entries).toBe(2);
    const archived = await service.archive({ file: fresh.relPath, version: fresh.version });
    expect(archived.archivedTo).toBe(`${A.customer}/archive_dlq/${path.basename(fresh.relPath)}`);
    expect(fs.existsSync(path.join(h.dlqDir, archived.archivedTo))).toBe(true);
    const after = await service.describe();
    expect(after.archivedFiles).toBe(1);
    expect(after.signed.map((f) => f.relPath)).toEqual([fileB.relPath]);

    // Recover B after fixing the cause: a rollover gives `seq` a fresh mapping.
    await expect(service.startRecovery([{ relPath: fileB.relPath, version: '1:1' }], { startedBy: 'op' })).rejects.toMatchObject({ code: 'ERR_DLQ_CHANGED', status: 409 });
    expect((await h.esRequest('POST', `/${B.dataStream}/_rollover`)).status).toBe(200);
    const finished: unknown[] = [];
    const job = await service.startRecovery([{ relPath: fileB.relPath, version: fileB.version }], { startedBy: 'op', onFinish: (j) => finished.push(j) });
    expect(job).toMatchObject({ state: 'running', files: [fileB.relPath], progress: { filesTotal: 1, entriesTotal: 1 } });
    await expect(service.startRecovery(undefined, { startedBy: 'other' })).rejects.toMatchObject({ code: 'ERR_DLQ_RECOVERY_BUSY', status: 409 });
    await service.idle();
    const status = await service.recoveryStatus();
    expect(status.job).toMatchObject({ id: job.id, state: 'done', progress: { entriesDone: 1, filesDone: 1 }, report: { totals: { recovered: 1, failed: 0, remainingEntries: 0 }, complete: true } });
    expect(finished).toHaveLength(1);
    expect((await service.describe()).signed).toEqual([]);
    const docs = (await h.storedDocs(B)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual([0, 1, 2, 3]);
    expect(h.verify(B, docs).errors).toEqual([]);
  });
});
