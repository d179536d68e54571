import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyToHex } from '../chain';
import { readKeyFile } from './read-key-file';
import { VerifyError } from './verify-error';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-keyfile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const K = 'ab'.repeat(32);
const file = (name: string, content: string): string => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
};

describe('readKeyFile', () => {
  it('reads the iteration-0 key backup and a bare key', () => {
    expect(keyToHex(readKeyFile(file('backup.json', JSON.stringify({ key: K, iteration: 0, previous_hash: null }))))).toBe(K);
    expect(keyToHex(readKeyFile(file('bare', `${K}\n`)))).toBe(K);
  });

  it.each([
    ['missing', path.join(dir, 'nope'), /cannot read the key file .*nope: ENOENT/],
    ['a directory', dir, /EISDIR/],
    ['a running key file', file('running.json', JSON.stringify({ key: K, iteration: 9, previous_hash: 'a'.repeat(64) })), /iteration 9, not the iteration-0 key/],
    ['broken JSON', file('broken.json', '{"key":'), /neither JSON nor a bare key/],
    ['no key member', file('nokey.json', '{"iteration":0}'), /no "key" member/],
    ['a short key', file('short', 'abcd'), /not 64 lowercase hexadecimal/],
    ['an uppercase key', file('upper', K.toUpperCase()), /not 64 lowercase hexadecimal/],
  ])('refuses %s with ERR_VERIFY_KEY_FILE, never echoing the content', (_n, f, message) => {
    let err: unknown;
    try {
      readKeyFile(f);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(VerifyError);
    expect((err as VerifyError).code).toBe('ERR_VERIFY_KEY_FILE');
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain(K);
  });
});
