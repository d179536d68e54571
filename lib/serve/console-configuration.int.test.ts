// Issue 7 item 6 against the real service: the console's field editor saves
// elastic_blockchain_proxy_fields.toml and a log sent afterwards is signed with the new fields
// (read back from Elasticsearch), while logs signed before keep theirs and the chain verifies
// across the change; a save based on a stale file version changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JsonObject } from '../chain';
import { DEFAULT_INCLUDE_FIELDS, loadFieldsConfig } from '../config';
import { iterationsOf, makeLog, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';
import { createConsoleConfigurationService } from './console-configuration';

const signedKeys = (doc: JsonObject): string[] => Object.keys((doc.ES_BLOCKCHAIN as JsonObject).fields as JsonObject).sort();

describe('console configuration: signed fields', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ retries: 1, sleepMs: 2 });
  });
  afterEach(async () => {
    await h.close();
  });

  it('a save applies to new logs without a restart; earlier logs keep their fields and the chain verifies', async () => {
    const configDir = path.join(h.dir, 'config');
    const file = path.join(configDir, 'elastic_blockchain_proxy_fields.toml');
    fs.writeFileSync(file, '# chosen by the DPO\ninclude_fields = ["@timestamp", "message", "seq"] # v1\n');
    const service = createConsoleConfigurationService({ configDir, defaultIncludeFields: DEFAULT_INCLUDE_FIELDS, retention: { default: '6_months', policies: Object.assign(Object.create(null) as Record<string, never>, { '6_months': { name: '6_months', days: 180 } }) }, signedFields: h.signet.signedFields });
    const A = testChain('cfgedit');
    expect((await h.post([makeLog(A, 0, { host: { name: 'web-1' } })])).status).toBe(200);

    const before = await service.get();
    expect(before.fields).toMatchObject({ exists: true, current: ['@timestamp', 'message', 'seq'], inForce: ['@timestamp', 'message', 'seq'], problems: [] });
    expect(before.retention.policies).toEqual([{ name: '6_months', days: 180, isDefault: true }]);

    const saved = await service.saveFields({ includeFields: ['@timestamp', 'message', 'seq', 'host.name'], version: before.fields.version });
    expect(saved).toMatchObject({ before: ['@timestamp', 'message', 'seq'], after: ['@timestamp', 'message', 'seq', 'host.name'], created: false });
    expect(fs.readFileSync(file, 'utf8')).toBe('# chosen by the DPO\ninclude_fields = [\n  "@timestamp",\n  "message",\n  "seq",\n  "host.name",\n] # v1\n');
    expect(loadFieldsConfig(configDir).includeFields).toEqual(saved.after); // what a restart would load
    expect(h.signet.signedFields.includeFields()).toEqual(saved.after);

    expect((await h.post([makeLog(A, 1, { host: { name: 'web-2' } })])).status).toBe(200);
    const docs = (await h.storedDocs(A)).map((d) => d.source);
    expect(iterationsOf(docs)).toEqual([0, 1]);
    expect(signedKeys(docs[0] as JsonObject)).toEqual(['@timestamp', 'message', 'seq']);
    expect(signedKeys(docs[1] as JsonObject)).toEqual(['@timestamp', 'host', 'message', 'seq']);
    expect(((docs[1] as JsonObject).ES_BLOCKCHAIN as JsonObject).fields).toMatchObject({ host: { name: 'web-2' } });
    // Verification reads each log's own ES_BLOCKCHAIN.fields: both verify in one chain.
    const verdict = h.verify(A, docs);
    expect(verdict.errors).toEqual([]);
    expect(verdict.nextIteration).toBe(2);
  });

  it('refuses a save based on a stale version (409): file and fields in force unchanged', async () => {
    const configDir = path.join(h.dir, 'config');
    const file = path.join(configDir, 'elastic_blockchain_proxy_fields.toml');
    const service = createConsoleConfigurationService({ configDir, defaultIncludeFields: DEFAULT_INCLUDE_FIELDS, retention: { default: 'x', policies: Object.create(null) as Record<string, never> }, signedFields: h.signet.signedFields });
    const loaded = await service.get();
    fs.writeFileSync(file, 'include_fields = ["@timestamp", "message"]\n'); // a hand edit meanwhile
    await expect(service.saveFields({ includeFields: ['message'], version: loaded.fields.version })).rejects.toMatchObject({ code: 'ERR_FIELDS_FILE_CHANGED', status: 409 });
    expect(fs.readFileSync(file, 'utf8')).toBe('include_fields = ["@timestamp", "message"]\n');
    expect(h.signet.signedFields.includeFields()).toEqual(['@timestamp', 'message', 'seq']);
    const now = await service.get();
    expect(now.fields).toMatchObject({ current: ['@timestamp', 'message'], inForce: ['@timestamp', 'message', 'seq'] });
  });

  it('without a fields file, shows and saves against the default list it was given (the static directory\'s)', async () => {
    const configDir = path.join(h.dir, 'config');
    const file = path.join(configDir, 'elastic_blockchain_proxy_fields.toml');
    fs.rmSync(file, { force: true });
    const fromStatic = ['@timestamp', 'message'];
    const service = createConsoleConfigurationService({ configDir, defaultIncludeFields: fromStatic, retention: { default: 'x', policies: Object.create(null) as Record<string, never> }, signedFields: h.signet.signedFields });
    const loaded = await service.get();
    expect(loaded.fields).toMatchObject({ exists: false, current: fromStatic });
    const saved = await service.saveFields({ includeFields: ['message'], version: loaded.fields.version });
    expect(saved).toMatchObject({ created: true, before: fromStatic, after: ['message'] });
  });
});
