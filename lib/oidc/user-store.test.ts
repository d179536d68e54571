import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createUserStore, hashPassword, seedInitialUsers, parseInitialPasswords, verifyPassword } from '.';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-users-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('password hashing', () => {
  it('verifies the right password only; malformed hashes never match', async () => {
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
    for (const bad of ['', 'plain', 'scrypt$1$8$1$AAAA$AAAA', `scrypt$${2 ** 30}$8$1$AAAAAAAAAAA$AAAA`]) expect(await verifyPassword('x', bad)).toBe(false);
  });
});

describe('user store', () => {
  it('adds, authenticates, changes passwords and lists without hashes', async () => {
    const store = createUserStore(tmp());
    await store.add('alice', 'alice-password-1', ['signet-viewer']);
    await expect(store.add('alice', 'another-password', [])).rejects.toMatchObject({ code: 'ERR_OIDC_USER_EXISTS' });
    await expect(store.add('Bad Name', 'another-password', [])).rejects.toMatchObject({ code: 'ERR_OIDC_INPUT' });
    await expect(store.add('bob', 'short', [])).rejects.toMatchObject({ code: 'ERR_OIDC_INPUT' });
    await expect(store.add('bob', 'long-enough-pw', ['has space'])).rejects.toMatchObject({ code: 'ERR_OIDC_INPUT' });
    expect(await store.authenticate('alice', 'alice-password-1')).toMatchObject({ username: 'alice', roles: ['signet-viewer'] });
    expect(await store.authenticate('ALICE ', 'alice-password-1')).toMatchObject({ username: 'alice' });
    expect(await store.authenticate('alice', 'wrong-password')).toBeNull();
    expect(await store.authenticate('nobody', 'alice-password-1')).toBeNull();
    await store.setPassword('alice', 'new-password-22');
    expect(await store.authenticate('alice', 'alice-password-1')).toBeNull();
    expect(await store.authenticate('alice', 'new-password-22')).not.toBeNull();
    await expect(store.setPassword('nobody', 'new-password-22')).rejects.toMatchObject({ code: 'ERR_OIDC_NO_USER' });
    expect(JSON.stringify(await store.list())).not.toContain('scrypt');
    expect(fs.statSync(store.file).mode & 0o777).toBe(0o600);
  });

  it('refuses a corrupt users file instead of overwriting it', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'users.json'), '{"version":1,"users":[{"username":1}]}');
    await expect(createUserStore(dir).list()).rejects.toMatchObject({ code: 'ERR_OIDC_STORE_CORRUPT' });
    await expect(createUserStore(dir).add('x', 'long-enough-pw', [])).rejects.toMatchObject({ code: 'ERR_OIDC_STORE_CORRUPT' });
  });

  it('seeds one user per role once, with a 0600 passwords file', async () => {
    const dir = tmp();
    const store = createUserStore(dir);
    const roles = { viewer: 'v', operator: 'o', auditor: 'a' };
    const file = await seedInitialUsers(store, dir, roles);
    expect(file).toBe(path.join(dir, 'initial-passwords.txt'));
    expect(fs.statSync(file as string).mode & 0o777).toBe(0o600);
    const pw = parseInitialPasswords(fs.readFileSync(file as string, 'utf8'));
    expect((await store.list()).map((u) => [u.username, u.roles])).toEqual([['viewer', ['v']], ['operator', ['o']], ['auditor', ['a']]]);
    expect(await store.authenticate('auditor', pw.get('auditor') as string)).not.toBeNull();
    expect(await seedInitialUsers(store, dir, roles)).toBeNull();
  });
});
