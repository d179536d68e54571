// Issue 3's yardstick: Elastic's own client tests (the shared 34-file corpus) run through the
// official client against the embedded store. Every test must pass; none may be skipped.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSuite } from '../es-conformance';
import { startTestStore, type TestStore } from './__fixtures__/test-store';
import { findCorpus } from '../es-conformance/__fixtures__/find-corpus';

const CORPUS = findCorpus();

describe('Elastic clients-tests corpus against the embedded store', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('passes all 34 files with nothing skipped', { timeout: 120_000 }, async () => {
    expect(existsSync(CORPUS), `corpus not found at ${CORPUS}`).toBe(true);
    const result = await runSuite({ url: store.es.url, dir: CORPUS, requestTimeoutMs: 10_000, testTimeoutMs: 30_000 });
    const failing = result.files.filter((f) => f.status !== 'PASS').map((f) => `${f.file}: ${f.status}`);
    expect(failing).toEqual([]);
    expect(result.files).toHaveLength(34);
    expect(result.totals).toMatchObject({ failed: 0, skipped: 0 });
    expect(result.totals.passed).toBe(34);
  });
});
