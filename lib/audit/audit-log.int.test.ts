import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedEs } from '../embedded-es';
import { AuditError, createAuditLog, type AuditLog } from '.';

// The audit log against the embedded store on loopback, through the official client.

let es: Awaited<ReturnType<typeof startEmbeddedEs>>;
let client: Client;
let audit: AuditLog;
let dir: string;
let clock = Date.parse('2026-12-06T10:00:00Z');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-audit-'));
  es = await startEmbeddedEs({ dataDir: dir, host: '127.0.0.1', port: 0, maxContentLength: 1 << 20 });
  client = new Client({ node: es.url });
  audit = createAuditLog(client, () => new Date((clock += 1000)));
});
afterAll(async () => {
  await client.close();
  await es.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('audit log', () => {
  it('appends records and lists them newest first with filters and paging', async () => {
    await audit.append({ user: { name: 'operator', roles: ['signet-operator'] }, action: 'login', target: '', outcome: 'success' });
    await audit.append({ user: { name: 'mallory', roles: [] }, action: 'login_failed', target: '', outcome: 'failure' });
    await audit.append({ user: { name: 'operator', roles: ['signet-operator'] }, action: 'dlq_recover', target: 'file-1', outcome: 'success', details: { recovered: 3 } });

    const all = await audit.search({ page: 0, size: 10 });
    expect(all.total).toBe(3);
    expect(all.records.map((r) => r.action)).toEqual(['dlq_recover', 'login_failed', 'login']);
    expect(all.records[0]).toMatchObject({ user: { name: 'operator', roles: ['signet-operator'] }, target: 'file-1', details: { recovered: 3 } });

    expect((await audit.search({ page: 0, size: 10, user: 'operator' })).total).toBe(2);
    expect((await audit.search({ page: 0, size: 10, outcome: 'failure' })).records.map((r) => r.user.name)).toEqual(['mallory']);
    expect((await audit.search({ page: 0, size: 10, action: 'login' })).total).toBe(1);
    const page2 = await audit.search({ page: 1, size: 2 });
    expect(page2.total).toBe(3);
    expect(page2.records.map((r) => r.action)).toEqual(['login']);
    const ranged = await audit.search({ page: 0, size: 10, from: '2026-12-06T10:00:02Z', to: '2026-12-06T10:00:02Z' });
    expect(ranged.records.map((r) => r.action)).toEqual(['login_failed']);
  });

  it('refuses paging beyond the result window', async () => {
    await expect(audit.search({ page: 200, size: 100 })).rejects.toMatchObject({ code: 'ERR_AUDIT_QUERY' });
    await expect(audit.search({ page: 0, size: 0 })).rejects.toBeInstanceOf(AuditError);
  });
});
