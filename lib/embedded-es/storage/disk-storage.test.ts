import { mkdtempSync, promises as fsp, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeDocument } from '../documents/write-document';
import { EmbeddedEsError } from '../errors/embedded-es-error';
import { createIndex } from '../indices/create-index';
import { Store } from '../state/store';
import { DiskStorage } from './disk-storage';
import { walPath } from './fs-utils';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'signet-es-storage-'));
  dirs.push(d);
  return d;
}

async function open(dir: string, opts: { compact?: number; warnings?: string[] } = {}): Promise<{ store: Store; storage: DiskStorage }> {
  const store = new Store();
  const storage = await DiskStorage.open(store, {
    dataDir: dir,
    compactThresholdBytes: opts.compact ?? 1 << 30,
    startupCompactBytes: opts.compact ?? 1 << 30,
    logger: { warn: (m) => opts.warnings?.push(m) },
  });
  store.persistence = storage;
  return { store, storage };
}

async function put(store: Store, id: string, source: string): Promise<void> {
  writeDocument(store, { op: 'create', index: 'logs', id, source, bytes: Buffer.from(source), now: Date.now() });
  await store.commit();
}

describe('DiskStorage', () => {
  it('keeps its files private: the log and snapshots 0600, the folder 0700 (they hold every stored document)', async () => {
    const dir = path.join(tmp(), 'es');
    const { store, storage } = await open(dir, { compact: 1 });
    await put(store, 'a', '{"m":1}');
    await put(store, 'b', '{"m":2}');
    await storage.close();
    expect((statSync(dir).mode & 0o777).toString(8)).toBe('700');
    const files = readdirSync(dir).filter((f) => /^(wal|snapshot)-/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect([f, (statSync(path.join(dir, f)).mode & 0o777).toString(8)]).toEqual([f, '600']);
  });

  it('replays documents and metadata byte for byte after a restart', async () => {
    const dir = tmp();
    const a = await open(dir);
    createIndex(a.store, 'logs', { mappings: { properties: { n: { type: 'long' } } } });
    await a.store.commit();
    await put(a.store, '1', '{"n":9007199254740993,"d":1.50}');
    await put(a.store, '2', '{\n  "pretty": true\n}');
    await a.storage.close();

    const b = await open(dir);
    const state = b.store.indices.get('logs');
    expect(state?.meta.mappings).toEqual({ properties: { n: { type: 'long' }, d: { type: 'float' }, pretty: { type: 'boolean' } } });
    expect(state?.data.get('1')?.source.toString()).toBe('{"n":9007199254740993,"d":1.50}');
    expect(state?.data.get('2')?.source.toString()).toBe('{\n  "pretty": true\n}');
    expect(state?.data.get('2')?.seqNo).toBe(1);
    await b.storage.close();
  });

  it('truncates a torn tail (a write cut by kill -9) and keeps every complete frame', async () => {
    const dir = tmp();
    const a = await open(dir);
    createIndex(a.store, 'logs', {});
    await a.store.commit();
    for (let i = 0; i < 5; i++) await put(a.store, String(i), `{"i":${i}}`);
    await a.storage.close();
    const file = walPath(dir, 1);
    const full = await fsp.readFile(file);
    // Simulate a torn append: a frame header promising more bytes than were written.
    const torn = Buffer.alloc(12);
    torn.writeUInt32LE(1000, 0);
    await fsp.appendFile(file, torn);

    const warnings: string[] = [];
    const b = await open(dir, { warnings });
    expect(warnings.join()).toMatch(/torn/);
    expect((await fsp.stat(file)).size).toBe(full.length);
    expect(b.store.indices.get('logs')?.data.live).toBe(5);
    await put(b.store, '5', '{"i":5}');
    await b.storage.close();
    const c = await open(dir);
    expect(c.store.indices.get('logs')?.data.live).toBe(6);
    await c.storage.close();
  });

  it('refuses to start on damage that is not at the tail of the last log', async () => {
    const dir = tmp();
    const a = await open(dir);
    createIndex(a.store, 'logs', {});
    await a.store.commit();
    await put(a.store, '1', '{"i":1}');
    await a.storage.close();
    const buf = await fsp.readFile(walPath(dir, 1));
    buf[12] = (buf[12] as number) ^ 0xff;
    await fsp.writeFile(walPath(dir, 1), buf);
    await fsp.writeFile(walPath(dir, 2), Buffer.alloc(0));
    await expect(open(dir)).rejects.toMatchObject({ code: 'ERR_EMBEDDED_ES_CORRUPT' });
  });

  it('compacts into a snapshot, drops old generations and recovers from it', async () => {
    const dir = tmp();
    const a = await open(dir, { compact: 2048 });
    createIndex(a.store, 'logs', {});
    await a.store.commit();
    for (let i = 0; i < 40; i++) await put(a.store, String(i), `{"i":${i},"pad":"${'x'.repeat(100)}"}`);
    await a.storage.close();
    const files = readdirSync(dir).filter((f) => f !== 'store.lock');
    expect(files.some((f) => f.startsWith('snapshot-'))).toBe(true);
    expect(files.filter((f) => f.startsWith('wal-')).length).toBe(1);
    const b = await open(dir);
    expect(b.store.indices.get('logs')?.data.live).toBe(40);
    expect(b.store.indices.get('logs')?.data.get('39')?.source.toString()).toContain('"i":39');
    await b.storage.close();
  });

  it('locks the directory against a second live process and takes over a dead one', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'store.lock'), String(process.ppid));
    const err = await open(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddedEsError);
    expect((err as EmbeddedEsError).code).toBe('ERR_EMBEDDED_ES_IO');
    writeFileSync(path.join(dir, 'store.lock'), '2147483646');
    const ok = await open(dir);
    await ok.storage.close();
  });
});
