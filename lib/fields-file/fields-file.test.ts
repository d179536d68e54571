import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadFieldsConfig } from '../config';
import { ABSENT_VERSION, readFieldsFile, saveIncludeFields, spliceIncludeFields } from '.';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-fields-'));
  dirs.push(d);
  return d;
}
const FILE = 'elastic_blockchain_proxy_fields.toml';

describe('spliceIncludeFields', () => {
  it('replaces only the array: comments before, inside-line and after are kept', () => {
    const text = '# why these\n# "include_fields = [x]" in a comment\ninclude_fields = [\n  "a", # first\n  "b]", \'c\',\n] # trailing\n# end\n';
    expect(spliceIncludeFields(text, ['x.y', 'z'])).toBe('# why these\n# "include_fields = [x]" in a comment\ninclude_fields = [\n  "x.y",\n  "z",\n] # trailing\n# end\n');
  });

  it('appends the key when absent, refuses a non-array value, an unterminated array, or a key inside a table', () => {
    expect(spliceIncludeFields('# only a comment', ['a'])).toBe('# only a comment\ninclude_fields = [\n  "a",\n]\n');
    expect(spliceIncludeFields('include_fields = "a"\n', ['a'])).toBeNull();
    expect(spliceIncludeFields('include_fields = ["a"\n', ['a'])).toBeNull();
    expect(spliceIncludeFields('[t]\ninclude_fields = ["a"]\n', ['a'])).toBeNull();
  });

  it('skips other keys whose multi-line values mention include_fields', () => {
    const text = 'note = """\ninclude_fields = ["no"]\n"""\ninclude_fields = ["yes"]\n';
    expect(spliceIncludeFields(text, ['b'])).toBe('note = """\ninclude_fields = ["no"]\n"""\ninclude_fields = [\n  "b",\n]\n');
  });
});

describe('saveIncludeFields', () => {
  it('creates the file when absent, then rewrites it keeping comments; the loader reads the result', async () => {
    const dir = tmp();
    expect((await readFieldsFile(dir)).version).toBe(ABSENT_VERSION);
    const first = await saveIncludeFields(dir, ['message', 'host.name'], ABSENT_VERSION);
    expect(first).toMatchObject({ created: true, before: null, after: ['message', 'host.name'] });
    expect(loadFieldsConfig(dir).includeFields).toEqual(['message', 'host.name']);
    expect(fs.statSync(path.join(dir, FILE)).mode & 0o777).toBe(0o644);
    fs.writeFileSync(path.join(dir, FILE), '# keep me\ninclude_fields = ["message"] # and me\n');
    fs.chmodSync(path.join(dir, FILE), 0o640);
    const state = await readFieldsFile(dir);
    expect(state.includeFields).toEqual(['message']);
    const second = await saveIncludeFields(dir, ['@timestamp', 'message'], state.version);
    expect(second.before).toEqual(['message']);
    expect(fs.readFileSync(path.join(dir, FILE), 'utf8')).toBe('# keep me\ninclude_fields = [\n  "@timestamp",\n  "message",\n] # and me\n');
    expect(fs.statSync(path.join(dir, FILE)).mode & 0o777).toBe(0o640);
    expect((await readFieldsFile(dir)).version).toBe(second.version);
  });

  it('refuses a stale version (409), an invalid list (400) and a file it cannot edit safely, writing nothing', async () => {
    const dir = tmp();
    const file = path.join(dir, FILE);
    fs.writeFileSync(file, 'include_fields = ["a"]\n');
    const stale = (await readFieldsFile(dir)).version;
    fs.writeFileSync(file, 'include_fields = ["a", "b"]\n');
    await expect(saveIncludeFields(dir, ['c'], stale)).rejects.toMatchObject({ code: 'ERR_FIELDS_FILE_CHANGED', status: 409 });
    const v = (await readFieldsFile(dir)).version;
    for (const bad of [['host..ip'], [], ['a', 'a'], ['ES_BLOCKCHAIN.hash'], [' a']]) {
      await expect(saveIncludeFields(dir, bad, v)).rejects.toMatchObject({ code: 'ERR_FIELDS_FILE_INVALID', status: 400 });
    }
    fs.writeFileSync(file, 'include_fields = ["a"]\nextra = 1\n');
    await expect(saveIncludeFields(dir, ['c'], (await readFieldsFile(dir)).version)).rejects.toMatchObject({ code: 'ERR_FIELDS_FILE_UNSUPPORTED' });
    fs.writeFileSync(file, 'include_fields = [\n');
    await expect(saveIncludeFields(dir, ['c'], (await readFieldsFile(dir)).version)).rejects.toMatchObject({ code: 'ERR_FIELDS_FILE_UNSUPPORTED' });
    expect(fs.readFileSync(file, 'utf8')).toBe('include_fields = [\n');
    expect(fs.readdirSync(dir)).toEqual([FILE]); // no temp file left behind
  });

  it('refuses a symlink at the file path', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'real.toml'), 'include_fields = ["a"]\n');
    fs.symlinkSync(path.join(dir, 'real.toml'), path.join(dir, FILE));
    await expect(readFieldsFile(dir)).rejects.toMatchObject({ code: 'ERR_FIELDS_FILE_UNSUPPORTED' });
  });

  it('serializes concurrent saves: the second, based on the same version, is refused', async () => {
    const dir = tmp();
    const v = (await readFieldsFile(dir)).version;
    const results = await Promise.allSettled([saveIncludeFields(dir, ['a'], v), saveIncludeFields(dir, ['b'], v)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(loadFieldsConfig(dir).includeFields).toEqual(['a']);
  });
});
