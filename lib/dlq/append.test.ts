import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFaultInjectingFs } from '../durable-fs';
import { BIG_DOC, expectDlqError, tempDlq } from './__fixtures__/temp-dlq';

const DS = 'auditbeat-7.10.1-elproxysigned-acme-6_months-0';
const FILE = `acme/${DS}-2024-03-05.ndjson`;

describe('dlq.append: format', () => {
  it('writes El Proxy lines byte for byte, keeping big integers and decimals as written', async () => {
    const t = tempDlq();
    await t.dlq.append('acme', DS, [
      { documentText: BIG_DOC, error: { type: 'mapper_parsing_exception', reason: 'failed to parse field [n]' } },
      { documentText: '{"a":1}', error: null },
    ]);
    expect(t.text(FILE)).toBe(
      `{"document":${BIG_DOC},"el_error":{"type":"mapper_parsing_exception","reason":"failed to parse field [n]"}}\n` +
        '{"document":{"a":1},"el_error":null}\n',
    );
    expect(t.text(FILE)).toContain('9007199254740993');
    expect(t.text(FILE)).toContain('1.50');
  });

  it('escapes error strings as JSON and makes lone surrogates well-formed', async () => {
    const t = tempDlq();
    await t.dlq.append('acme', DS, [{ documentText: '{}', error: { type: 'x', reason: 'line\nbreak "q" \ud800' } }]);
    expect(t.text(FILE)).toBe('{"document":{},"el_error":{"type":"x","reason":"line\\nbreak \\"q\\" \ufffd"}}\n');
  });

  it('keeps a pretty-printed document on one line (CR/LF between tokens become spaces, values untouched)', async () => {
    const t = tempDlq();
    await t.dlq.append('acme', DS, [{ documentText: '{\r\n  "n": 1.50,\n  "s": "a\\nb"\n}', error: null }]);
    expect(t.text(FILE)).toBe('{"document":{    "n": 1.50,   "s": "a\\nb" },"el_error":null}\n');
  });

  it('names files by the UTC date of now() and appends to the same file on the same day', async () => {
    const t = tempDlq({ now: '2024-03-05T23:59:59.999+00:00' });
    await t.dlq.append('acme', DS, [{ documentText: '{"i":1}', error: null }]);
    t.setNow('2024-03-06T01:00:00+02:00'); // still 2024-03-05 in UTC
    await t.dlq.append('acme', DS, [{ documentText: '{"i":2}', error: null }]);
    t.setNow('2024-03-06T00:00:00Z');
    await t.dlq.append('acme', DS, [{ documentText: '{"i":3}', error: null }]);
    expect(fs.readdirSync(path.join(t.dlqDir, 'acme')).sort()).toEqual([`${DS}-2024-03-05.ndjson`, `${DS}-2024-03-06.ndjson`]);
    expect(t.text(FILE).split('\n')).toHaveLength(3);
  });

  it('creates folders 0700 and files 0600', async () => {
    const t = tempDlq();
    await t.dlq.append('acme', DS, [{ documentText: '{}', error: null }]);
    expect(fs.statSync(t.dlqDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(t.dlqDir, 'acme')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(t.dlqDir, FILE)).mode & 0o777).toBe(0o600);
  });

  it('is durable with one fdatasync per call, whatever the number of entries', async () => {
    const seam = createFaultInjectingFs([]);
    const t = tempDlq({ fs: seam });
    await t.dlq.append('acme', DS, [{ documentText: '{}', error: null }]);
    await t.dlq.append('acme', DS, Array.from({ length: 50 }, () => ({ documentText: '{"x":1}', error: null })));
    const file = path.join(t.dlqDir, FILE);
    expect(seam.calls.filter((c) => c.op === 'handle.datasync' && c.path === file)).toHaveLength(2);
    expect(seam.calls.filter((c) => c.op === 'handle.write' && c.path === file)).toHaveLength(2);
  });

  it('does not interleave concurrent appends to the same file', async () => {
    const t = tempDlq();
    const big = `{"pad":"${'x'.repeat(200_000)}"}`;
    await Promise.all(Array.from({ length: 6 }, (_, i) => t.dlq.append('acme', DS, [{ documentText: big, error: null }, { documentText: `{"i":${i}}`, error: null }])));
    const lines = t.text(FILE).split('\n').slice(0, -1);
    expect(lines).toHaveLength(12);
    for (let i = 0; i < 12; i += 2) {
      expect(lines[i]).toBe(`{"document":${big},"el_error":null}`);
      expect(lines[i + 1]).toMatch(/^\{"document":\{"i":\d\},"el_error":null\}$/);
    }
  });

  it('writes nothing for an empty batch', async () => {
    const t = tempDlq();
    await t.dlq.append('acme', DS, []);
    expect(t.tree()).toEqual([]);
  });
});

describe('dlq.append: torn tail', () => {
  it('starts on a new line after a torn last line, which stays visible as a bad line', async () => {
    const t = tempDlq();
    fs.mkdirSync(path.join(t.dlqDir, 'acme'), { recursive: true });
    fs.writeFileSync(path.join(t.dlqDir, FILE), '{"document":{"a":1},"el_error":null}\n{"document":{"a":');
    await t.dlq.append('acme', DS, [{ documentText: '{"b":2}', error: null }]);
    expect(t.text(FILE)).toBe('{"document":{"a":1},"el_error":null}\n{"document":{"a":\n{"document":{"b":2},"el_error":null}\n');
    const [info] = (await t.dlq.list()).files;
    expect(info).toMatchObject({ entries: 2, badLines: 1, tornTail: false });
  });
});

describe('dlq.append: refusals write nothing', () => {
  it.each([
    ['../x', DS],
    ['A', DS],
    ['a/b', DS],
    ['', DS],
    ['.rejected', DS],
    ['acme', '../x'],
    ['acme', 'a/b'],
    ['acme', ''],
    ['acme', 'Logs-x'],
    ['acme', 'a--b'],
    ['acme', 'a-..-b'],
  ])('customer %j, data stream %j → ERR_DLQ_INVALID_NAME', async (customer, dataStream) => {
    const t = tempDlq();
    await expectDlqError(t.dlq.append(customer, dataStream, [{ documentText: '{}', error: null }]), 'ERR_DLQ_INVALID_NAME');
    expect(t.tree()).toEqual([]);
  });

  it.each([
    ['not JSON', { documentText: '{"a":', error: null }],
    ['not an object', { documentText: '[1,2]', error: null }],
    ['duplicate keys', { documentText: '{"a":1,"a":2}', error: null }],
    ['bad error', { documentText: '{}', error: { type: 1 } }],
  ])('%s → ERR_DLQ_INVALID_ENTRY, even when other entries are fine', async (_label, bad) => {
    const t = tempDlq();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const entries = [{ documentText: '{}', error: null }, bad as any];
    await expectDlqError(t.dlq.append('acme', DS, entries), 'ERR_DLQ_INVALID_ENTRY');
    expect(t.tree()).toEqual([]);
  });
});

describe('dlq.append: disk failures', () => {
  it('a regular file where the customer folder should be (ENOTDIR-like) → ERR_DLQ_IO, nothing written', async () => {
    const t = tempDlq();
    fs.mkdirSync(t.dlqDir);
    fs.writeFileSync(path.join(t.dlqDir, 'acme'), 'not a folder');
    await expectDlqError(t.dlq.append('acme', DS, [{ documentText: '{}', error: null }]), 'ERR_DLQ_IO');
    expect(fs.readFileSync(path.join(t.dlqDir, 'acme'), 'utf8')).toBe('not a folder');
  });

  it('a regular file where dlq_dir should be → ERR_DLQ_IO', async () => {
    const t = tempDlq();
    fs.writeFileSync(t.dlqDir, '');
    await expectDlqError(t.dlq.append('acme', DS, [{ documentText: '{}', error: null }]), 'ERR_DLQ_IO');
    expect(fs.readFileSync(t.dlqDir, 'utf8')).toBe('');
  });

  it('EACCES on open (simulated through the fs seam) → ERR_DLQ_IO naming the file, cause kept', async () => {
    const t = tempDlq({ fs: createFaultInjectingFs([{ op: 'open', path: /\.ndjson$/, code: 'EACCES' }]) });
    const err = await expectDlqError(t.dlq.append('acme', DS, [{ documentText: '{}', error: null }]), 'ERR_DLQ_IO');
    expect(err.message).toContain(FILE);
    expect(err.message).toContain('EACCES');
    expect(err.status).toBe(503);
    expect((err.cause as { code?: string }).code).toBe('EACCES');
    expect(fs.existsSync(path.join(t.dlqDir, FILE))).toBe(false);
  });

  it('ENOSPC halfway through the write → ERR_DLQ_IO and the file keeps exactly its previous content', async () => {
    const seam = createFaultInjectingFs([{ op: 'handle.write', path: /\.ndjson$/, code: 'ENOSPC', partialBytes: 10, skip: 1 }]);
    const t = tempDlq({ fs: seam });
    await t.dlq.append('acme', DS, [{ documentText: '{"first":1}', error: null }]);
    const before = t.text(FILE);
    await expectDlqError(t.dlq.append('acme', DS, [{ documentText: BIG_DOC, error: null }]), 'ERR_DLQ_IO');
    expect(t.text(FILE)).toBe(before);
  });

  it('EIO on fdatasync → rejected, and the unsynced lines are cut off', async () => {
    const seam = createFaultInjectingFs([{ op: 'handle.datasync', path: /\.ndjson$/, code: 'EIO', skip: 1, times: 1 }]);
    const t = tempDlq({ fs: seam });
    await t.dlq.append('acme', DS, [{ documentText: '{"first":1}', error: null }]);
    await expectDlqError(t.dlq.append('acme', DS, [{ documentText: '{"second":2}', error: null }]), 'ERR_DLQ_IO');
    expect(t.text(FILE)).toBe('{"document":{"first":1},"el_error":null}\n');
  });

  it('refuses to write through a symlinked customer folder', async () => {
    const t = tempDlq();
    fs.mkdirSync(t.dlqDir);
    const elsewhere = path.join(t.base, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.symlinkSync(elsewhere, path.join(t.dlqDir, 'acme'));
    await expectDlqError(t.dlq.append('acme', DS, [{ documentText: '{}', error: null }]), 'ERR_DLQ_IO');
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });
});

describe('dlq.append: retries (failure_max_retries)', () => {
  it('tries a failed disk write again, after back-off, and stores each line once', async () => {
    const seam = createFaultInjectingFs([{ op: 'handle.write', path: /\.ndjson$/, code: 'EIO', partialBytes: 7, times: 2 }]);
    const slept: number[] = [];
    const t = tempDlq({ fs: seam, retries: { max: 3, sleepMs: 100, sleep: async (ms) => void slept.push(ms) } });
    await t.dlq.append('acme', DS, [{ documentText: '{"a":1}', error: null }]);
    await t.dlq.appendRejected([{ rawText: '42', reason: 'not an object', receivedAt: new Date('2024-03-05T10:00:00Z') }]);
    expect(t.text(FILE)).toBe('{"document":{"a":1},"el_error":null}\n'); // the torn attempts were cut back
    expect(slept).toEqual([100, 200]);
  });

  it('gives up after max retries with the disk error, and never retries invalid input', async () => {
    const seam = createFaultInjectingFs([{ op: 'open', path: /\.ndjson$/, code: 'EACCES' }]);
    const slept: number[] = [];
    const t = tempDlq({ fs: seam, retries: { max: 2, sleepMs: 10, sleep: async (ms) => void slept.push(ms) } });
    await expectDlqError(t.dlq.append('acme', DS, [{ documentText: '{}', error: null }]), 'ERR_DLQ_IO');
    expect(slept).toEqual([10, 20]);
    expect(seam.calls.filter((c) => c.op === 'open' && c.path.endsWith('.ndjson'))).toHaveLength(3);
    slept.length = 0;
    await expectDlqError(t.dlq.append('../x', DS, [{ documentText: '{}', error: null }]), 'ERR_DLQ_INVALID_NAME');
    expect(slept).toEqual([]);
  });
});

