import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFromHex, keyToHex, nextKey } from '../chain';
import { FLAGS, createFaultInjectingFs, nodeFs, type DurableFs } from '../durable-fs';
import { createKeyStore } from './create-key-store';
import { HASH, ID, K0, NAME, env, expectKeyError, expectNoSecret, head, json, mode } from './__fixtures__/key-store-env';

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
