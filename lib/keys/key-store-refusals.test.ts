import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFromHex } from '../chain';
import { createFaultInjectingFs } from '../durable-fs';
import { createKeyStore } from './create-key-store';
import { HASH, ID, K0, NAME, env, expectKeyError, expectNoSecret, head, writeKeyFile } from './__fixtures__/key-store-env';

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
