import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFaultInjectingFs } from '../durable-fs';
import { BIG_DOC, expectDlqError, tempDlq, type TempDlq } from './__fixtures__/temp-dlq';

const DS = 'logs-nginx.access-elproxysigned-acme-6_months-t1';
const NAME = `${DS}-2024-03-05.ndjson`;
const REL = `acme/${NAME}`;
const line = (doc: string): string => `{"document":${doc},"el_error":{"type":"t","reason":"r"}}\n`;

async function fill(t: TempDlq, docs: string[]): Promise<number> {
  await t.dlq.append('acme', DS, docs.map((documentText) => ({ documentText, error: { type: 't', reason: 'r' } })));
  return fs.statSync(path.join(t.dlqDir, REL)).size;
}

const recovered = (t: TempDlq, name: string): string => fs.readFileSync(path.join(t.recoveredDir, 'acme', name), 'utf8');

describe('dlq.settle', () => {
  it('moves a fully recovered file to dlq_recovered/{customer}/ unchanged', async () => {
    const t = tempDlq();
    const size = await fill(t, [BIG_DOC, '{"b":2}']);
    const before = t.text(REL);
    const r = await t.dlq.settle(REL, { recoveredLines: [1, 2], expectedSize: size });
    expect(r).toEqual({ action: 'moved', recoveredRelPath: `acme/${NAME}`, recoveredEntries: 2, remainingEntries: 0 });
    expect(fs.existsSync(path.join(t.dlqDir, REL))).toBe(false);
    expect(recovered(t, NAME)).toBe(before);
    expect(fs.statSync(path.join(t.recoveredDir, 'acme')).mode & 0o777).toBe(0o700);
    expect((await t.dlq.status()).empty).toBe(true);
  });

  it('never overwrites in dlq_recovered: a taken name gets a numeric suffix', async () => {
    const t = tempDlq();
    fs.mkdirSync(path.join(t.recoveredDir, 'acme'), { recursive: true });
    fs.writeFileSync(path.join(t.recoveredDir, 'acme', NAME), 'earlier run\n');
    fs.writeFileSync(path.join(t.recoveredDir, 'acme', `${DS}-2024-03-05.1.ndjson`), 'earlier run 2\n');
    const size = await fill(t, ['{"a":1}']);
    const r = await t.dlq.settle(REL, { recoveredLines: [1], expectedSize: size });
    expect(r.recoveredRelPath).toBe(`acme/${DS}-2024-03-05.2.ndjson`);
    expect(recovered(t, NAME)).toBe('earlier run\n');
    expect(recovered(t, `${DS}-2024-03-05.1.ndjson`)).toBe('earlier run 2\n');
    expect(recovered(t, `${DS}-2024-03-05.2.ndjson`)).toBe(line('{"a":1}'));
  });

  it('partially recovered: rewrites the DLQ file with what is left and appends the rest to the recovered file', async () => {
    const t = tempDlq();
    await fill(t, ['{"a":1}', BIG_DOC, '{"c":3}']);
    fs.appendFileSync(path.join(t.dlqDir, REL), 'bad line\n' + line('{"d":4}') + '{"torn":');
    fs.mkdirSync(path.join(t.recoveredDir, 'acme'), { recursive: true });
    fs.writeFileSync(path.join(t.recoveredDir, 'acme', NAME), line('{"old":0}'));
    const size = fs.statSync(path.join(t.dlqDir, REL)).size;

    const r = await t.dlq.settle(REL, { recoveredLines: [1, 2, 5], expectedSize: size });
    expect(r).toEqual({ action: 'rewritten', recoveredRelPath: `acme/${NAME}`, recoveredEntries: 3, remainingEntries: 1 });
    // Not recovered: entry 3, the bad line and the torn tail, byte for byte (the tail stays torn).
    expect(t.text(REL)).toBe(line('{"c":3}') + 'bad line\n' + '{"torn":');
    expect(recovered(t, NAME)).toBe(line('{"old":0}') + line('{"a":1}') + line(BIG_DOC) + line('{"d":4}'));
    expect(fs.statSync(path.join(t.dlqDir, REL)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.join(t.dlqDir, 'acme'))).toEqual([NAME]);

    const [info] = (await t.dlq.list()).files;
    expect(info).toMatchObject({ entries: 1, badLines: 1, tornTail: true });
  });

  it('all entries recovered but a bad line remains: rewritten, not moved (the bad line stays visible)', async () => {
    const t = tempDlq();
    await fill(t, ['{"a":1}']);
    fs.appendFileSync(path.join(t.dlqDir, REL), 'junk\n');
    const size = fs.statSync(path.join(t.dlqDir, REL)).size;
    const r = await t.dlq.settle(REL, { recoveredLines: [1], expectedSize: size });
    expect(r.action).toBe('rewritten');
    expect(t.text(REL)).toBe('junk\n');
  });

  it('starts on a new line when the recovered file has a torn tail', async () => {
    const t = tempDlq();
    const size = await fill(t, ['{"a":1}', '{"b":2}']);
    fs.mkdirSync(path.join(t.recoveredDir, 'acme'), { recursive: true });
    fs.writeFileSync(path.join(t.recoveredDir, 'acme', NAME), '{"to');
    await t.dlq.settle(REL, { recoveredLines: [2], expectedSize: size });
    expect(recovered(t, NAME)).toBe('{"to\n' + line('{"b":2}'));
  });

  it('changes nothing when the file size differs from expectedSize (ERR_DLQ_CHANGED)', async () => {
    const t = tempDlq();
    const size = await fill(t, ['{"a":1}', '{"b":2}']);
    await t.dlq.append('acme', DS, [{ documentText: '{"late":1}', error: null }]);
    const before = t.text(REL);
    const err = await expectDlqError(t.dlq.settle(REL, { recoveredLines: [1, 2], expectedSize: size }), 'ERR_DLQ_CHANGED');
    expect(err.status).toBe(409);
    await expectDlqError(t.dlq.settle(REL, { recoveredLines: [1], expectedSize: size }), 'ERR_DLQ_CHANGED');
    expect(t.text(REL)).toBe(before);
    expect(fs.existsSync(t.recoveredDir)).toBe(false);
  });

  it('refuses line numbers that are not complete entries, changing nothing', async () => {
    const t = tempDlq();
    await fill(t, ['{"a":1}']);
    fs.appendFileSync(path.join(t.dlqDir, REL), 'junk\n{"torn');
    const size = fs.statSync(path.join(t.dlqDir, REL)).size;
    const before = t.text(REL);
    for (const n of [2, 3, 99]) await expectDlqError(t.dlq.settle(REL, { recoveredLines: [1, n], expectedSize: size }), 'ERR_DLQ_INVALID_ENTRY');
    await expect(t.dlq.settle(REL, { recoveredLines: [0], expectedSize: size })).rejects.toBeInstanceOf(RangeError);
    expect(t.text(REL)).toBe(before);
    expect(fs.existsSync(t.recoveredDir)).toBe(false);
  });

  it('does nothing when nothing was recovered', async () => {
    const t = tempDlq();
    const size = await fill(t, ['{"a":1}']);
    expect(await t.dlq.settle(REL, { recoveredLines: [], expectedSize: size })).toEqual({ action: 'unchanged', recoveredEntries: 0, remainingEntries: 1 });
    expect(fs.existsSync(t.recoveredDir)).toBe(false);
  });

  it('ERR_DLQ_NOT_FOUND for a missing file; only signed files can be settled', async () => {
    const t = tempDlq();
    await expectDlqError(t.dlq.settle(REL, { recoveredLines: [1], expectedSize: 0 }), 'ERR_DLQ_NOT_FOUND');
    await expectDlqError(t.dlq.settle(`acme/archive_dlq/${NAME}`, { recoveredLines: [1], expectedSize: 0 }), 'ERR_DLQ_INVALID_NAME');
  });

  it('a failing rename during the rewrite leaves the DLQ file as it was and takes the lines back out of the recovered file', async () => {
    const seam = createFaultInjectingFs([{ op: 'rename', code: 'EIO' }]);
    const t = tempDlq({ fs: seam });
    const size = await fill(t, ['{"a":1}', '{"b":2}']);
    const before = t.text(REL);
    fs.mkdirSync(path.join(t.recoveredDir, 'acme'), { recursive: true });
    fs.writeFileSync(path.join(t.recoveredDir, 'acme', NAME), line('{"old":0}'));
    await expectDlqError(t.dlq.settle(REL, { recoveredLines: [1], expectedSize: size }), 'ERR_DLQ_IO');
    expect(t.text(REL)).toBe(before);
    expect(recovered(t, NAME)).toBe(line('{"old":0}'));
    expect(fs.readdirSync(path.join(t.dlqDir, 'acme'))).toEqual([NAME]);
  });

  it('a failing sync of the recovered file aborts before the DLQ file is replaced', async () => {
    const seam = createFaultInjectingFs([{ op: 'handle.datasync', path: (p) => p.includes('dlq_recovered') && p.endsWith(NAME), code: 'EIO' }]);
    const t = tempDlq({ fs: seam });
    const size = await fill(t, ['{"a":1}', '{"b":2}']);
    const before = t.text(REL);
    await expectDlqError(t.dlq.settle(REL, { recoveredLines: [2], expectedSize: size }), 'ERR_DLQ_IO');
    expect(t.text(REL)).toBe(before);
    expect(recovered(t, NAME)).toBe('');
    expect(fs.readdirSync(path.join(t.dlqDir, 'acme'))).toEqual([NAME]);
  });
});

describe('dlq.archive', () => {
  it('moves a signed file into {customer}/archive_dlq/, listed as archived and excluded from `empty`', async () => {
    const t = tempDlq();
    await fill(t, ['{"a":1}']);
    const content = t.text(REL);
    expect(await t.dlq.archive(REL)).toEqual({ relPath: `acme/archive_dlq/${NAME}` });
    expect(t.text(`acme/archive_dlq/${NAME}`)).toBe(content);
    expect(fs.existsSync(path.join(t.dlqDir, REL))).toBe(false);
    const { files, unknown } = await t.dlq.list();
    expect(unknown).toEqual([]);
    expect(files).toEqual([expect.objectContaining({ kind: 'archived', customer: 'acme', dataStream: DS, relPath: `acme/archive_dlq/${NAME}`, entries: 1 })]);
    expect(await t.dlq.status()).toMatchObject({ empty: true, archivedFiles: 1, signedFiles: 0 });
    const r = await t.dlq.read(`acme/archive_dlq/${NAME}`);
    expect(r).toMatchObject({ kind: 'archived', format: 'dlq', total: 1 });
  });

  it('adds a suffix when the archived name is taken, and refuses to archive an archived file', async () => {
    const t = tempDlq();
    await fill(t, ['{"a":1}']);
    await t.dlq.archive(REL);
    await fill(t, ['{"b":2}']);
    expect(await t.dlq.archive(REL)).toEqual({ relPath: `acme/archive_dlq/${DS}-2024-03-05.1.ndjson` });
    expect(t.text(`acme/archive_dlq/${NAME}`)).toBe(line('{"a":1}'));
    await expectDlqError(t.dlq.archive(`acme/archive_dlq/${NAME}`), 'ERR_DLQ_INVALID_NAME');
    await expectDlqError(t.dlq.archive(REL), 'ERR_DLQ_NOT_FOUND');
  });

  it('archives a rejected-area file into .rejected/archive_dlq/', async () => {
    const t = tempDlq();
    await t.dlq.appendRejected([{ rawText: 'x', reason: 'not JSON', receivedAt: new Date(0) }]);
    expect(await t.dlq.archive('.rejected/rejected-2024-03-05.ndjson')).toEqual({ relPath: '.rejected/archive_dlq/rejected-2024-03-05.ndjson' });
    const { files } = await t.dlq.list();
    expect(files).toEqual([expect.objectContaining({ kind: 'archived', customer: null, entries: 1, errorTypes: { 'not JSON': 1 } })]);
    expect((await t.dlq.status()).empty).toBe(true);
  });
});
