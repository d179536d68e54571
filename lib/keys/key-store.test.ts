import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { keyFromHex, keyToHex, nextKey, type ChainHead, type ChainIdentity } from '../chain';
import { FLAGS, createFaultInjectingFs, nodeFs, type DurableFs } from '../durable-fs';
import { createKeyStore, type KeyStore } from './create-key-store';
import { KeyStoreError, type KeyStoreErrorCode } from './key-store-error';

const ID: ChainIdentity = { module: 'elproxysigned', customer: 'acme', retention: '6_months', tag: '0' };
const NAME = 'elproxysigned-acme-6_months-0_key.json';
const K0 = 'a1'.repeat(32);
const HASH = 'b2'.repeat(32);

interface Env {
  base: string;
  dataDir: string;
  backupDir: string;
  keyFile: string;
  backupFile: string;
  store: KeyStore;
  warnings: string[];
}

function env(options: { fs?: DurableFs } = {}): Env {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'signet-keys-')));
  onTestFinished(() => fs.rmSync(base, { recursive: true, force: true }));
  const dataDir = path.join(base, 'keys');
  const backupDir = path.join(base, 'keys_backup');
  const warnings: string[] = [];
  const store = createKeyStore({ dataDir, dataBackupDir: backupDir, onWarning: (m) => warnings.push(m), ...(options.fs ? { fs: options.fs } : {}) });
  return { base, dataDir, backupDir, keyFile: path.join(dataDir, 'acme', NAME), backupFile: path.join(backupDir, 'acme', NAME), store, warnings };
}

const json = (p: string): unknown => JSON.parse(fs.readFileSync(p, 'utf8'));
const mode = (p: string): number => fs.statSync(p).mode & 0o777;
const head = (keyHex: string, iteration: number, previousHash: string | null): ChainHead => ({ key: keyFromHex(keyHex), iteration, previousHash });

async function expectKeyError(promise: Promise<unknown>, code: KeyStoreErrorCode): Promise<KeyStoreError> {
  let caught: unknown;
  try {
    await promise;
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(KeyStoreError);
  expect((caught as KeyStoreError).code).toBe(code);
  return caught as KeyStoreError;
}

/** The secret must appear in neither the message nor the cause. */
function expectNoSecret(err: Error, ...secrets: string[]): void {
  for (const s of secrets) {
    expect(err.message).not.toContain(s);
    expect(String(err.cause)).not.toContain(s);
    expect(JSON.stringify(err)).not.toContain(s);
  }
}

function writeKeyFile(e: Env, content: string, fileMode = 0o600): void {
  fs.mkdirSync(path.dirname(e.keyFile), { recursive: true, mode: 0o700 });
  fs.writeFileSync(e.keyFile, content, { mode: fileMode });
  fs.chmodSync(e.keyFile, fileMode);
}

describe('create / load / save', () => {
  it('round-trips: create writes iteration 0 and its backup; save advances; load reads back', async () => {
    const e = env();
    expect(await e.store.load(ID)).toBeNull();
    const h0 = await e.store.create(ID, keyFromHex(K0));
    expect(keyToHex(h0.key)).toBe(K0);
    expect(h0).toMatchObject({ iteration: 0, previousHash: null });
    expect(json(e.keyFile)).toEqual({ key: K0, iteration: 0, previous_hash: null });
    expect(json(e.backupFile)).toEqual({ key: K0, iteration: 0, previous_hash: null });
    for (const p of [e.keyFile, e.backupFile]) expect(mode(p)).toBe(0o600);
    for (const p of [e.dataDir, path.dirname(e.keyFile), e.backupDir, path.dirname(e.backupFile)]) expect(mode(p)).toBe(0o700);

    const k5 = keyToHex(nextKey(nextKey(nextKey(nextKey(nextKey(keyFromHex(K0)))))));
    await e.store.save(ID, head(k5, 5, HASH));
    expect(json(e.keyFile)).toEqual({ key: k5, iteration: 5, previous_hash: HASH });
    const loaded = await e.store.load(ID);
    expect(loaded && keyToHex(loaded.key)).toBe(k5);
    expect(loaded).toMatchObject({ iteration: 5, previousHash: HASH });
    // The backup is written once and never touched by save.
    expect(json(e.backupFile)).toEqual({ key: K0, iteration: 0, previous_hash: null });
    expect(fs.readdirSync(path.dirname(e.keyFile))).toEqual([NAME]);
  });

  it('writes the backup before the key file, both durably (fsync of file and folder)', async () => {
    const seam = createFaultInjectingFs([]);
    const e = env({ fs: seam });
    await e.store.create(ID, keyFromHex(K0));
    const links = seam.calls.filter((c) => c.op === 'link').map((c) => c.path);
    expect(links).toEqual([e.backupFile, e.keyFile]);
    const backupLinkAt = seam.calls.findIndex((c) => c.op === 'link' && c.path === e.backupFile);
    const backupDirSync = seam.calls.findIndex((c, i) => i > backupLinkAt && c.op === 'handle.sync' && c.path === path.dirname(e.backupFile));
    const keyLinkAt = seam.calls.findIndex((c) => c.op === 'link' && c.path === e.keyFile);
    expect(backupDirSync).toBeGreaterThan(backupLinkAt);
    expect(keyLinkAt).toBeGreaterThan(backupDirSync);
    expect(seam.calls.some((c, i) => i > keyLinkAt && c.op === 'handle.sync' && c.path === path.dirname(e.keyFile))).toBe(true);
  });

  it('a failure writing the backup leaves no key file', async () => {
    const seam = createFaultInjectingFs([{ op: 'link', path: (p) => p.includes('keys_backup'), code: 'ENOSPC' }]);
    const e = env({ fs: seam });
    await expectKeyError(e.store.create(ID, keyFromHex(K0)), 'ERR_KEYS_IO');
    expect(fs.existsSync(e.keyFile)).toBe(false);
    expect(fs.existsSync(e.backupFile)).toBe(false);
  });

  it('refuses to create a chain twice and leaves key file and backup untouched', async () => {
    const e = env();
    await e.store.create(ID, keyFromHex(K0));
    await e.store.save(ID, head('c3'.repeat(32), 1, HASH));
    const err = await expectKeyError(e.store.create(ID, keyFromHex('d4'.repeat(32))), 'ERR_KEYS_EXISTS');
    expectNoSecret(err, K0, 'd4'.repeat(32));
    expect(json(e.keyFile)).toMatchObject({ iteration: 1 });
    expect(json(e.backupFile)).toMatchObject({ key: K0 });
  });

  it('after a crash between backup and key file, sets the orphan backup aside (never overwritten) and warns', async () => {
    const e = env();
    fs.mkdirSync(path.dirname(e.backupFile), { recursive: true });
    fs.writeFileSync(e.backupFile, JSON.stringify({ key: 'e5'.repeat(32), iteration: 0, previous_hash: null }), { mode: 0o600 });
    await e.store.create(ID, keyFromHex(K0));
    expect(json(e.backupFile)).toMatchObject({ key: K0 });
    const aside = path.join(path.dirname(e.backupFile), 'elproxysigned-acme-6_months-0_key.previous-1.json');
    expect(json(aside)).toMatchObject({ key: 'e5'.repeat(32) });
    expect(e.warnings).toHaveLength(1);
    expect(e.warnings[0]).not.toContain('e5'.repeat(32));
    expect((await e.store.backups()).map((b) => b.relPath).sort()).toEqual([`acme/${NAME}`, 'acme/elproxysigned-acme-6_months-0_key.previous-1.json']);
  });

  it('a retried create with the same key reuses the existing backup', async () => {
    const e = env();
    fs.mkdirSync(path.dirname(e.backupFile), { recursive: true });
    fs.writeFileSync(e.backupFile, JSON.stringify({ key: K0, iteration: 0, previous_hash: null }), { mode: 0o600 });
    await e.store.create(ID, keyFromHex(K0));
    expect(fs.readdirSync(path.dirname(e.backupFile))).toEqual([NAME]);
    expect(e.warnings).toEqual([]);
    expect(json(e.keyFile)).toMatchObject({ key: K0, iteration: 0 });
  });

  it('refuses a stale save (lower iteration) unless allowRollback, and then changes nothing', async () => {
    const e = env();
    await e.store.create(ID, keyFromHex(K0));
    await e.store.save(ID, head('c3'.repeat(32), 10, HASH));
    const err = await expectKeyError(e.store.save(ID, head('f6'.repeat(32), 9, HASH)), 'ERR_KEYS_STALE');
    expectNoSecret(err, 'c3'.repeat(32), 'f6'.repeat(32));
    expect(err.message).toContain('10');
    expect(json(e.keyFile)).toMatchObject({ key: 'c3'.repeat(32), iteration: 10 });
    await e.store.save(ID, head('f6'.repeat(32), 9, HASH), { allowRollback: true });
    expect(json(e.keyFile)).toMatchObject({ key: 'f6'.repeat(32), iteration: 9 });
    await e.store.save(ID, head('f6'.repeat(32), 9, HASH)); // same iteration: allowed
  });

  it('save needs an existing key file, and refuses a spent head', async () => {
    const e = env();
    await expectKeyError(e.store.save(ID, head(K0, 1, HASH)), 'ERR_KEYS_NOT_FOUND');
    await e.store.create(ID, keyFromHex(K0));
    const spent = head(K0, 1, HASH);
    spent.key.fill(0);
    await expect(e.store.save(ID, spent)).rejects.toMatchObject({ code: 'ERR_CHAIN_STATE' });
    expect(json(e.keyFile)).toMatchObject({ iteration: 0 });
  });

  it('a failing rename during save keeps the previous key file', async () => {
    const seam = createFaultInjectingFs([{ op: 'rename', code: 'EIO' }]);
    const e = env({ fs: seam });
    await e.store.create(ID, keyFromHex(K0));
    const err = await expectKeyError(e.store.save(ID, head('c3'.repeat(32), 1, HASH)), 'ERR_KEYS_IO');
    expectNoSecret(err, K0, 'c3'.repeat(32));
    expect(json(e.keyFile)).toEqual({ key: K0, iteration: 0, previous_hash: null });
    expect(fs.readdirSync(path.dirname(e.keyFile))).toEqual([NAME]);
  });

  it('does not read back a key file it wrote while the file is unchanged (inode, size, mtime, mode)', async () => {
    let reads = 0;
    let keyFile = '';
    const counting: DurableFs = {
      ...nodeFs,
      open: (p, flags, m) => {
        if (p === keyFile && flags === FLAGS.readOnly) reads++;
        return nodeFs.open(p, flags, m);
      },
    };
    const e = env({ fs: counting });
    keyFile = e.keyFile;
    await e.store.create(ID, keyFromHex(K0));
    await e.store.save(ID, head('c3'.repeat(32), 1, HASH)); // reads the file create wrote
    await e.store.save(ID, head('c4'.repeat(32), 2, HASH));
    await e.store.save(ID, head('c5'.repeat(32), 3, HASH));
    expect(reads).toBe(1);
    expect(json(e.keyFile)).toMatchObject({ key: 'c5'.repeat(32), iteration: 3 });
  });

  it('reads and checks the key file again once anything else changed it', async () => {
    const e = env();
    await e.store.create(ID, keyFromHex(K0));
    await e.store.save(ID, head('c3'.repeat(32), 5, HASH));
    // Another writer moved the chain on (atomic replace): saving 6 would use keys twice.
    const tmp = `${e.keyFile}.other`;
    fs.writeFileSync(tmp, `${JSON.stringify({ key: 'd4'.repeat(32), iteration: 7, previous_hash: HASH })}\n`, { mode: 0o600 });
    fs.renameSync(tmp, e.keyFile);
    await expectKeyError(e.store.save(ID, head('c4'.repeat(32), 6, HASH)), 'ERR_KEYS_STALE');
    await e.store.save(ID, head('c5'.repeat(32), 8, HASH));
    // Made readable by others after the last save: refused, not trusted.
    fs.chmodSync(e.keyFile, 0o644);
    await expectKeyError(e.store.save(ID, head('c6'.repeat(32), 9, HASH)), 'ERR_KEYS_INSECURE');
    fs.chmodSync(e.keyFile, 0o600);
    await e.store.save(ID, head('c6'.repeat(32), 9, HASH));
    // The customer folder replaced by a symlink to a copy of it: refused.
    const acme = path.dirname(e.keyFile);
    fs.renameSync(acme, `${acme}-real`);
    fs.symlinkSync(`${acme}-real`, acme);
    await expectKeyError(e.store.save(ID, head('c7'.repeat(32), 10, HASH)), 'ERR_KEYS_INSECURE');
  });

  it('removes leftover temp files (which may hold an old key) next to a key file', async () => {
    const e = env();
    await e.store.create(ID, keyFromHex(K0));
    const leftover = path.join(path.dirname(e.keyFile), `.${NAME}.0123456789ab.tmp`);
    fs.writeFileSync(leftover, JSON.stringify({ key: K0, iteration: 0, previous_hash: null }));
    const other = path.join(path.dirname(e.keyFile), '.other_key.json.0123456789ab.tmp');
    fs.writeFileSync(other, 'x');
    const fresh = createKeyStore({ dataDir: e.dataDir, dataBackupDir: e.backupDir });
    await fresh.load(ID);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(other)).toBe(true); // another chain's business
  });

  it('rejects invalid identities before touching the disk', async () => {
    const e = env();
    for (const bad of [{ ...ID, customer: '../x' }, { ...ID, customer: 'A' }, { ...ID, tag: 'a/b' }, { ...ID, module: '' }, { ...ID, retention: 'a-b' }]) {
      await expectKeyError(e.store.create(bad, keyFromHex(K0)), 'ERR_KEYS_INVALID_ID');
      await expectKeyError(e.store.load(bad), 'ERR_KEYS_INVALID_ID');
    }
    expect(fs.readdirSync(e.base)).toEqual([]);
  });
});

describe('refusing unsafe or corrupt key files, never revealing the key', () => {
  it.each([
    ['not JSON', `{"key":"${K0}",`],
    ['wrong key length', JSON.stringify({ key: K0.slice(2), iteration: 3, previous_hash: HASH })],
    ['uppercase key', JSON.stringify({ key: K0.toUpperCase(), iteration: 3, previous_hash: HASH })],
    ['negative iteration', JSON.stringify({ key: K0, iteration: -1, previous_hash: HASH })],
    ['huge iteration', `{"key":"${K0}","iteration":9007199254740993,"previous_hash":"${HASH}"}`],
    ['previous_hash at iteration 0', JSON.stringify({ key: K0, iteration: 0, previous_hash: HASH })],
    ['no previous_hash after 0', JSON.stringify({ key: K0, iteration: 4, previous_hash: null })],
    ['duplicate key member', `{"key":"${K0}","key":"${K0}","iteration":1,"previous_hash":"${HASH}"}`],
    ['an array', `["${K0}"]`],
    ['too large', `{"key":"${K0}","pad":"${'x'.repeat(5000)}","iteration":1,"previous_hash":"${HASH}"}`],
  ])('%s → ERR_KEYS_CORRUPT naming the file', async (_label, content) => {
    const e = env();
    writeKeyFile(e, content);
    const err = await expectKeyError(e.store.load(ID), 'ERR_KEYS_CORRUPT');
    expect(err.message).toContain(e.keyFile);
    expect(err.cause).toBeUndefined();
    expectNoSecret(err, K0, K0.slice(2), K0.toUpperCase());
  });

  it.each([0o644, 0o640, 0o604, 0o660, 0o611])('mode %s → ERR_KEYS_INSECURE naming file and mode', async (fileMode) => {
    const e = env();
    writeKeyFile(e, JSON.stringify({ key: K0, iteration: 0, previous_hash: null }), fileMode);
    const err = await expectKeyError(e.store.load(ID), 'ERR_KEYS_INSECURE');
    expect(err.message).toContain(e.keyFile);
    expect(err.message).toContain(`0${fileMode.toString(8)}`);
    expectNoSecret(err, K0);
    // save reads the current file first, so it refuses too
    await expectKeyError(e.store.save(ID, head('c3'.repeat(32), 1, HASH)), 'ERR_KEYS_INSECURE');
  });

  it('a symlinked key file → ERR_KEYS_INSECURE (not followed)', async () => {
    const e = env();
    const target = path.join(e.base, 'elsewhere.json');
    fs.writeFileSync(target, JSON.stringify({ key: K0, iteration: 0, previous_hash: null }), { mode: 0o600 });
    fs.mkdirSync(path.dirname(e.keyFile), { recursive: true });
    fs.symlinkSync(target, e.keyFile);
    const err = await expectKeyError(e.store.load(ID), 'ERR_KEYS_INSECURE');
    expect(err.message).toMatch(/symbolic link/);
    expectNoSecret(err, K0);
    await expectKeyError(e.store.create(ID, keyFromHex(K0)), 'ERR_KEYS_EXISTS');
  });

  it('a symlinked customer folder → ERR_KEYS_INSECURE', async () => {
    const e = env();
    const real = path.join(e.base, 'real');
    fs.mkdirSync(real);
    fs.writeFileSync(path.join(real, NAME), JSON.stringify({ key: K0, iteration: 0, previous_hash: null }), { mode: 0o600 });
    fs.mkdirSync(e.dataDir);
    fs.symlinkSync(real, path.join(e.dataDir, 'acme'));
    await expectKeyError(e.store.load(ID), 'ERR_KEYS_INSECURE');
    await expectKeyError(e.store.create({ ...ID, tag: '1' }, keyFromHex(K0)), 'ERR_KEYS_INSECURE');
  });

  it('a directory where the key file should be → ERR_KEYS_CORRUPT', async () => {
    const e = env();
    fs.mkdirSync(e.keyFile, { recursive: true, mode: 0o700 });
    await expectKeyError(e.store.load(ID), 'ERR_KEYS_CORRUPT');
  });

  it('an I/O error while reading → ERR_KEYS_IO with the system error as cause, no key', async () => {
    const seam = createFaultInjectingFs([{ op: 'handle.read', code: 'EIO' }]);
    const e = env({ fs: seam });
    writeKeyFile(e, JSON.stringify({ key: K0, iteration: 0, previous_hash: null }));
    const err = await expectKeyError(e.store.load(ID), 'ERR_KEYS_IO');
    expect((err.cause as { code?: string }).code).toBe('EIO');
    expect(err.status).toBe(503);
    expectNoSecret(err, K0);
  });
});

describe('listChains / backups', () => {
  it('lists chains with key files, ignoring foreign and misplaced files', async () => {
    const e = env();
    expect(await e.store.listChains()).toEqual([]);
    await e.store.create(ID, keyFromHex(K0));
    const other = { module: 'elproxysigned', customer: 'beta', retention: '2_years', tag: 'x.y' };
    await e.store.create(other, keyFromHex(K0));
    fs.writeFileSync(path.join(e.dataDir, 'acme', 'notes.txt'), '');
    fs.writeFileSync(path.join(e.dataDir, 'acme', 'elproxysigned-beta-2_years-0_key.json'), ''); // wrong customer folder
    fs.mkdirSync(path.join(e.dataDir, 'Bad'));
    fs.writeFileSync(path.join(e.dataDir, 'Bad', 'elproxysigned-Bad-2_years-0_key.json'), '');
    expect(await e.store.listChains()).toEqual([ID, other]);
  });

  it('reports every backup file (for keys_backup {"empty"}) without reading content', async () => {
    const seam = createFaultInjectingFs([]);
    const e = env({ fs: seam });
    expect(await e.store.backups()).toEqual([]);
    await e.store.create(ID, keyFromHex(K0));
    const before = seam.calls.length;
    const list = await e.store.backups();
    expect(list).toEqual([{ customer: 'acme', name: NAME, relPath: `acme/${NAME}`, mtimeMs: expect.any(Number) as number }]);
    expect(new Set(seam.calls.slice(before).map((c) => c.op))).toEqual(new Set(['readdir', 'lstat']));
    fs.unlinkSync(e.backupFile); // the operator moved it off the machine
    expect(await e.store.backups()).toEqual([]);
  });

  it('refuses folders that nest', () => {
    expect(() => createKeyStore({ dataDir: '/a/keys', dataBackupDir: '/a/keys/backup' })).toThrow(TypeError);
    expect(() => createKeyStore({ dataDir: '/a/keys', dataBackupDir: '/a/keys' })).toThrow(TypeError);
    expect(() => createKeyStore({ dataDir: '/a/keys', dataBackupDir: '/a/keys_backup' })).not.toThrow();
  });
});
