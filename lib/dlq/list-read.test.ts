import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LosslessNumber } from '../chain';
import { createFaultInjectingFs } from '../durable-fs';
import { BIG_DOC, expectDlqError, tempDlq, type TempDlq } from './__fixtures__/temp-dlq';

const DS = 'filebeat-8.12.0-elproxysigned-acme-6_months-0';
const NAME = `${DS}-2024-03-05.ndjson`;
const REL = `acme/${NAME}`;

function put(t: TempDlq, rel: string, content: string): void {
  const file = path.join(t.dlqDir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

const line = (doc: string, err: string | null = null): string =>
  `{"document":${doc},"el_error":${err === null ? 'null' : `{"type":"${err}","reason":"r"}`}}\n`;

describe('dlq.list', () => {
  it('counts entries and error types per file', async () => {
    const t = tempDlq();
    await t.dlq.append('acme', DS, [
      { documentText: '{"a":1}', error: { type: 'mapper_parsing_exception', reason: 'x' } },
      { documentText: '{"a":2}', error: { type: 'mapper_parsing_exception', reason: 'y' } },
      { documentText: '{"a":3}', error: { type: 'illegal_argument_exception', reason: 'z' } },
      { documentText: '{"a":4}', error: null },
    ]);
    const { files, unknown } = await t.dlq.list();
    expect(unknown).toEqual([]);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      kind: 'signed',
      customer: 'acme',
      dataStream: DS,
      date: '2024-03-05',
      name: NAME,
      relPath: REL,
      entries: 4,
      badLines: 0,
      tornTail: false,
      errorTypes: { mapper_parsing_exception: 2, illegal_argument_exception: 1 },
    });
    expect(files[0]!.bytes).toBe(fs.statSync(path.join(t.dlqDir, REL)).size);
    expect(files[0]!.mtimeMs).toBeGreaterThan(0);
  });

  it('reports a torn tail (no newline) without dropping it, and bad lines in the middle', async () => {
    const t = tempDlq();
    put(t, REL, line('{"a":1}', 'e1') + 'garbage\n' + line('{"a":2}') + '\n' + '{"document":{"a":3},"el_err');
    const [info] = (await t.dlq.list()).files;
    expect(info).toMatchObject({ entries: 2, badLines: 1, tornTail: true, errorTypes: { e1: 1 } });
  });

  it('treats a complete last line without its newline as torn, and an unparsable terminated last line too', async () => {
    const t = tempDlq();
    put(t, REL, line('{"a":1}') + line('{"a":2}').trimEnd());
    put(t, `acme/${DS}-2024-03-06.ndjson`, line('{"a":1}') + '{"document":\n');
    const files = (await t.dlq.list()).files;
    expect(files.map((f) => [f.date, f.entries, f.tornTail])).toEqual([
      ['2024-03-05', 1, true],
      ['2024-03-06', 1, true],
    ]);
  });

  it('accepts El Proxy-written lines (spaces, reason before type, el_error absent or with extra members)', async () => {
    const t = tempDlq();
    put(
      t,
      REL,
      '{ "document": {"a":1}, "el_error": { "reason": "x", "type": "t1", "caused_by": {"type":"c"} } }\n' +
        '{"document":{"a":2}}\n' +
        '{"document":{"a":3},"el_error":{"type":"t1","reason":null}}\n',
    );
    const [info] = (await t.dlq.list()).files;
    expect(info).toMatchObject({ entries: 3, badLines: 0, errorTypes: { t1: 2 } });
  });

  it('counts lines whose shape is wrong as bad (document not an object, missing document, invalid UTF-8)', async () => {
    const t = tempDlq();
    const file = path.join(t.dlqDir, REL);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.concat([Buffer.from('{"document":[1]}\n{"el_error":null}\n{"document":{"s":"'), Buffer.from([0xff]), Buffer.from('"}}\n' + line('{}'))]));
    const [info] = (await t.dlq.list()).files;
    expect(info).toMatchObject({ entries: 1, badLines: 3, tornTail: false });
  });

  it('lists foreign things under `unknown` and never follows symlinks', async () => {
    const t = tempDlq();
    put(t, REL, line('{}'));
    put(t, 'README.txt', 'hello');
    put(t, 'Bad_Customer/x-2024-01-01.ndjson', line('{}'));
    put(t, 'acme/notes.txt', 'x');
    put(t, 'acme/x-2024-02-30.ndjson', line('{}')); // no such date
    put(t, `acme/.${NAME}.0123456789ab.tmp`, line('{}'));
    put(t, 'acme/sub/x-2024-01-01.ndjson', line('{}'));
    const outside = path.join(t.base, 'outside');
    fs.mkdirSync(path.join(outside, 'inner'), { recursive: true });
    fs.writeFileSync(path.join(outside, 'inner', 'x-2024-01-01.ndjson'), line('{}'));
    fs.symlinkSync(outside, path.join(t.dlqDir, 'linked'));
    fs.symlinkSync(path.join(outside, 'inner', 'x-2024-01-01.ndjson'), path.join(t.dlqDir, 'acme', 'y-2024-01-01.ndjson'));

    const { files, unknown } = await t.dlq.list();
    expect(files.map((f) => f.relPath)).toEqual([REL]);
    const reasons = Object.fromEntries(unknown.map((u) => [u.relPath, u.reason]));
    expect(Object.keys(reasons).sort()).toEqual(
      ['Bad_Customer', 'README.txt', `acme/.${NAME}.0123456789ab.tmp`, 'acme/notes.txt', 'acme/sub', 'acme/x-2024-02-30.ndjson', 'acme/y-2024-01-01.ndjson', 'linked'].sort(),
    );
    expect(reasons.linked).toMatch(/symbolic link/);
    expect(reasons['acme/y-2024-01-01.ndjson']).toMatch(/symbolic link/);
    expect(reasons[`acme/.${NAME}.0123456789ab.tmp`]).toMatch(/leftover temporary file/);
    expect((await t.dlq.status()).unknownEntries).toBe(8);
  });

  it('answers an empty listing when dlq_dir does not exist yet', async () => {
    const t = tempDlq();
    expect(await t.dlq.list()).toEqual({ files: [], unknown: [] });
  });

  it('re-reads a file only after it changed', async () => {
    const seam = createFaultInjectingFs([]);
    const t = tempDlq({ fs: seam });
    await t.dlq.append('acme', DS, [{ documentText: '{}', error: null }]);
    const file = path.join(t.dlqDir, REL);
    const opens = () => seam.calls.filter((c) => c.op === 'open' && c.path === file).length;
    const base = opens();
    await t.dlq.list();
    expect(opens()).toBe(base + 1);
    await t.dlq.list();
    expect(opens()).toBe(base + 1);
    await t.dlq.append('acme', DS, [{ documentText: '{}', error: null }]);
    const after = opens();
    expect((await t.dlq.list()).files[0]!.entries).toBe(2);
    expect(opens()).toBe(after + 1);
  });
});

describe('dlq.status', () => {
  it('is empty with no folder, with only archived or unknown files, and with empty files', async () => {
    const t = tempDlq();
    expect(await t.dlq.status()).toMatchObject({ empty: true, signedFiles: 0, rejectedFiles: 0 });
    put(t, `acme/archive_dlq/${NAME}`, line('{}'));
    put(t, 'stray.txt', 'x');
    put(t, REL, '');
    expect(await t.dlq.status()).toMatchObject({ empty: true, signedFiles: 1, signedBytes: 0, archivedFiles: 1, unknownEntries: 1 });
  });

  it('is not empty with a signed entry, nor with only a rejected log', async () => {
    const t = tempDlq();
    await t.dlq.append('acme', DS, [{ documentText: '{}', error: null }]);
    expect(await t.dlq.status()).toMatchObject({ empty: false, signedFiles: 1, rejectedFiles: 0 });

    const t2 = tempDlq();
    await t2.dlq.appendRejected([{ rawText: 'nope', reason: 'not JSON', receivedAt: new Date(0) }]);
    expect(await t2.dlq.status()).toMatchObject({ empty: false, signedFiles: 0, rejectedFiles: 1 });
  });

  it('reads no file content (directory listings and lstat only)', async () => {
    const seam = createFaultInjectingFs([]);
    const t = tempDlq({ fs: seam });
    await t.dlq.append('acme', DS, [{ documentText: '{}', error: null }]);
    const before = seam.calls.length;
    await t.dlq.status();
    const ops = new Set(seam.calls.slice(before).map((c) => c.op));
    expect([...ops].sort()).toEqual(['lstat', 'readdir']);
  });
});

describe('dlq.read', () => {
  it('returns documents losslessly with their exact text, paged by offset/limit', async () => {
    const t = tempDlq();
    await t.dlq.append('acme', DS, [
      { documentText: BIG_DOC, error: { type: 't', reason: 'r' } },
      ...Array.from({ length: 4 }, (_, i) => ({ documentText: `{"i":${i}}`, error: null })),
    ]);
    const page1 = await t.dlq.read(REL, { limit: 2 });
    if (page1.format !== 'dlq') throw new Error('expected DLQ lines');
    expect(page1).toMatchObject({ total: 5, tornTail: false, kind: 'signed', relPath: REL, size: fs.statSync(path.join(t.dlqDir, REL)).size });
    expect(page1.entries.map((e) => e.line)).toEqual([1, 2]);
    const first = page1.entries[0]!;
    expect(first.documentText).toBe(BIG_DOC);
    expect(first.elError).toEqual({ type: 't', reason: 'r' });
    expect((first.document as Record<string, unknown>).n).toEqual(new LosslessNumber('9007199254740993'));
    expect(((first.document as Record<string, unknown>).price as LosslessNumber).literal).toBe('1.50');

    const page3 = await t.dlq.read(REL, { offset: 4, limit: 2 });
    expect(page3.entries.map((e) => e.line)).toEqual([5]);
    expect((await t.dlq.read(REL, { offset: 9 })).entries).toEqual([]);
  });

  it('shows bad and torn lines with the reason and their text; line numbers are physical', async () => {
    const t = tempDlq();
    put(t, REL, line('{"a":1}') + '\n' + 'oops\n' + '{"document":{"a":2}');
    const r = await t.dlq.read(REL);
    if (r.format !== 'dlq') throw new Error('expected DLQ lines');
    expect(r.total).toBe(3);
    expect(r.tornTail).toBe(true);
    expect(r.entries.map((e) => [e.line, e.bad === undefined])).toEqual([
      [1, true],
      [3, false],
      [4, false],
    ]);
    expect(r.entries[1]).toMatchObject({ rawText: 'oops', elError: null });
    expect(r.entries[2]!.bad).toMatch(/torn/);
    expect(r.entries[2]!.rawText).toBe('{"document":{"a":2}');
  });

  it('detects a torn tail even when the page does not include the last line', async () => {
    const t = tempDlq();
    put(t, REL, line('{"a":1}') + line('{"a":2}') + '{"docu');
    const r = await t.dlq.read(REL, { limit: 1 });
    expect(r).toMatchObject({ total: 3, tornTail: true });
  });

  it.each(['../etc/passwd', 'acme/../../x-2024-01-01.ndjson', '/abs/x-2024-01-01.ndjson', 'acme/x.ndjson', 'acme', 'acme/sub/x-2024-01-01.ndjson', 'acme\\x-2024-01-01.ndjson', '', 'acme/archive_dlq/../x-2024-01-01.ndjson'])(
    'refuses relPath %j with ERR_DLQ_INVALID_NAME',
    async (rel) => {
      const t = tempDlq();
      await expectDlqError(t.dlq.read(rel), 'ERR_DLQ_INVALID_NAME');
    },
  );

  it('answers ERR_DLQ_NOT_FOUND for a well-formed path that does not exist', async () => {
    const t = tempDlq();
    const err = await expectDlqError(t.dlq.read(REL), 'ERR_DLQ_NOT_FOUND');
    expect(err.status).toBe(404);
  });

  it('refuses a symlink at a DLQ file path (ERR_DLQ_CORRUPT_SEGMENT)', async () => {
    const t = tempDlq();
    put(t, 'acme/placeholder', '');
    const target = path.join(t.base, 'secret');
    fs.writeFileSync(target, line('{"secret":1}'));
    fs.symlinkSync(target, path.join(t.dlqDir, REL));
    await expectDlqError(t.dlq.read(REL), 'ERR_DLQ_CORRUPT_SEGMENT');
  });

  it('validates paging options', async () => {
    const t = tempDlq();
    await expect(t.dlq.read(REL, { offset: -1 })).rejects.toBeInstanceOf(RangeError);
    await expect(t.dlq.read(REL, { limit: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(t.dlq.read(REL, { limit: 10_001 })).rejects.toBeInstanceOf(RangeError);
  });
});
