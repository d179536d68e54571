import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectDlqError, tempDlq } from './__fixtures__/temp-dlq';

const REL = '.rejected/rejected-2024-03-05.ndjson';

describe('dlq.appendRejected', () => {
  it('stores valid JSON verbatim and anything else as a JSON string, with reason, time and remote', async () => {
    const t = tempDlq();
    await t.dlq.appendRejected([
      { rawText: '{"n":9007199254740993,"x":1.50}', reason: 'EBP_METADATA.customer is missing', receivedAt: new Date('2024-03-05T09:00:00.123Z'), remote: '10.0.0.7' },
      { rawText: '[1,2]', reason: 'not an object', receivedAt: new Date('2024-03-05T09:00:01Z') },
      { rawText: 'not json {', reason: 'not JSON', receivedAt: new Date('2024-03-05T09:00:02Z') },
    ]);
    expect(t.text(REL)).toBe(
      '{"log":{"n":9007199254740993,"x":1.50},"log_format":"json","reason":"EBP_METADATA.customer is missing","received_at":"2024-03-05T09:00:00.123Z","remote":"10.0.0.7"}\n' +
        '{"log":[1,2],"log_format":"json","reason":"not an object","received_at":"2024-03-05T09:00:01.000Z","remote":null}\n' +
        '{"log":"not json {","log_format":"text","reason":"not JSON","received_at":"2024-03-05T09:00:02.000Z","remote":null}\n',
    );
    expect(fs.statSync(path.join(t.dlqDir, '.rejected')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.join(t.dlqDir, REL)).mode & 0o777).toBe(0o600);
  });

  it('tells a JSON string log apart from raw text', async () => {
    const t = tempDlq();
    await t.dlq.appendRejected([
      { rawText: '"just a string"', reason: 'not an object', receivedAt: new Date(0) },
      { rawText: 'just a string', reason: 'not JSON', receivedAt: new Date(0) },
    ]);
    const r = await t.dlq.read(REL);
    if (r.format !== 'rejected') throw new Error('expected rejected lines');
    expect(r.entries.map((e) => [e.log, e.logFormat, e.logText])).toEqual([
      ['just a string', 'json', '"just a string"'],
      ['just a string', 'text', '"just a string"'],
    ]);
  });

  it('is listed as kind rejected with counts per reason', async () => {
    const t = tempDlq();
    await t.dlq.appendRejected([
      { rawText: 'x', reason: 'not JSON', receivedAt: new Date(0) },
      { rawText: 'y', reason: 'not JSON', receivedAt: new Date(0) },
      { rawText: '1', reason: 'not an object', receivedAt: new Date(0) },
    ]);
    const { files } = await t.dlq.list();
    expect(files).toEqual([
      expect.objectContaining({ kind: 'rejected', customer: null, dataStream: null, relPath: REL, entries: 3, errorTypes: { 'not JSON': 2, 'not an object': 1 } }),
    ]);
  });

  it('refuses malformed entries without writing anything', async () => {
    const t = tempDlq();
    await expectDlqError(t.dlq.appendRejected([{ rawText: 'x', reason: 'r', receivedAt: new Date('nope') }]), 'ERR_DLQ_INVALID_ENTRY');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await expectDlqError(t.dlq.appendRejected([{ rawText: 1 as any, reason: 'r', receivedAt: new Date(0) }]), 'ERR_DLQ_INVALID_ENTRY');
    expect(t.tree()).toEqual([]);
  });

  it('cannot be settled (never recovered)', async () => {
    const t = tempDlq();
    await t.dlq.appendRejected([{ rawText: 'x', reason: 'r', receivedAt: new Date(0) }]);
    const size = fs.statSync(path.join(t.dlqDir, REL)).size;
    await expectDlqError(t.dlq.settle(REL, { recoveredLines: [1], expectedSize: size }), 'ERR_DLQ_INVALID_NAME');
    expect(fs.statSync(path.join(t.dlqDir, REL)).size).toBe(size);
  });
});
