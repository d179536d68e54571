import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DurableFileHandle, FileStat } from '../durable-fs';
import { dataStreamProblem, parseFileName, parseRelPath, utcDate, withSuffix } from './dlq-names';
import { findMemberSpan } from './member-span';
import { readLines } from './read-lines';

describe('DLQ naming rules', () => {
  it.each([
    ['acme/a-b.c-2024-01-31.ndjson', 'signed', 'acme', 'a-b.c'],
    ['acme/archive_dlq/a-2024-01-31.ndjson', 'archived', 'acme', 'a'],
    ['acme/archive_dlq/a-2024-01-31.12.ndjson', 'archived', 'acme', 'a'],
    ['.rejected/rejected-2024-02-29.ndjson', 'rejected', null, null],
    ['.rejected/archive_dlq/rejected-2024-02-29.3.ndjson', 'archived', null, null],
  ])('accepts %s', (rel, kind, customer, dataStream) => {
    expect(parseRelPath(rel)).toMatchObject({ kind, customer, dataStream, relPath: rel });
  });

  it.each([
    'acme/a-2024-01-31.1.ndjson', // suffix only in archives
    'acme/a-2023-02-29.ndjson', // not a date
    'acme/a-2024-1-31.ndjson',
    'acme/-2024-01-31.ndjson',
    'acme/A-2024-01-31.ndjson',
    '.rejected/other-2024-01-31.ndjson',
    '.rejected/rejected-2024-01-31.1.ndjson',
    '.other/rejected-2024-01-31.ndjson',
    'acme/archive_dlq/archive_dlq/a-2024-01-31.ndjson',
    'acme/archive_dlq',
    'acme/other/a-2024-01-31.ndjson',
    'acme//a-2024-01-31.ndjson',
    '../acme/a-2024-01-31.ndjson',
    'acme/a-2024-01-31.ndjson/',
  ])('refuses %s', (rel) => {
    expect(() => parseRelPath(rel)).toThrow(expect.objectContaining({ code: 'ERR_DLQ_INVALID_NAME' }) as Error);
  });

  it('parses names and adds suffixes before .ndjson', () => {
    expect(parseFileName('x-y-2024-12-31.ndjson', { rejected: false, allowSuffix: false })).toEqual({ dataStream: 'x-y', date: '2024-12-31', suffix: 0 });
    expect(withSuffix('x-2024-12-31.ndjson', 0)).toBe('x-2024-12-31.ndjson');
    expect(withSuffix('x-2024-12-31.ndjson', 7)).toBe('x-2024-12-31.7.ndjson');
    expect(parseFileName(withSuffix('x-2024-12-31.ndjson', 7), { rejected: false, allowSuffix: true })).toMatchObject({ suffix: 7 });
  });

  it('checks data streams component by component and bounds their length', () => {
    expect(dataStreamProblem('auditbeat-7.10.1-elproxysigned-neteye-6_months-0')).toBeNull();
    expect(dataStreamProblem('a'.repeat(201))).toMatch(/at most/);
    expect(dataStreamProblem('ok-.hidden')).toMatch(/\.hidden/);
    expect(dataStreamProblem(5)).toMatch(/string/);
  });

  it('formats the UTC date and refuses an invalid Date', () => {
    expect(utcDate(new Date('2024-01-01T00:30:00+01:00'))).toBe('2023-12-31');
    expect(() => utcDate(new Date(Number.NaN))).toThrow(TypeError);
  });
});

describe('findMemberSpan', () => {
  it('finds the exact text of a member, past escaped keys, nested values and whitespace', () => {
    const text = '{ "a\\"}" : {"x":["}",{"y":"]"}]} , "docu\\u006dent" :\t{"n":1.50} }';
    const span = findMemberSpan(text, 'document');
    expect(span).not.toBeNull();
    expect(text.slice(...span!)).toBe('{"n":1.50}');
    expect(findMemberSpan('{"a":1}', 'document')).toBeNull();
    const small = '{"a":-1.5e3,"b":true}';
    expect(small.slice(...findMemberSpan(small, 'a')!)).toBe('-1.5e3');
    expect(small.slice(...findMemberSpan(small, 'b')!)).toBe('true');
  });

  it('property: the span of any member re-parses to that member', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue(), fc.constantFrom(undefined, 1, '\t', ' \r\n '), (rest, doc, indent) => {
        const obj = { ...rest, document: doc };
        const text = JSON.stringify(obj, null, indent);
        const span = findMemberSpan(text, 'document');
        expect(span).not.toBeNull();
        expect(JSON.parse(text.slice(...span!))).toEqual(JSON.parse(JSON.stringify(doc)));
      }),
      { numRuns: 300 },
    );
  });
});

/** An in-memory read-only handle, to drive readLines with any chunk size. */
function memoryHandle(data: Buffer): DurableFileHandle {
  const fail = async (): Promise<never> => {
    throw new Error('read-only');
  };
  return {
    read: async (buf, off, len, pos) => {
      const start = pos ?? 0;
      const n = Math.max(0, Math.min(len, data.length - start));
      data.copy(buf, off, start, start + n);
      return { bytesRead: n };
    },
    stat: async () => ({ size: data.length }) as FileStat,
    write: fail,
    truncate: fail,
    chmod: fail,
    sync: fail,
    datasync: fail,
    close: async () => undefined,
  };
}

async function collect(data: string, chunkSize: number, maxLineBytes?: number) {
  const out = [];
  for await (const l of readLines(memoryHandle(Buffer.from(data)), { chunkSize, ...(maxLineBytes ? { maxLineBytes } : {}) })) {
    out.push({ no: l.no, text: l.bytes.toString(), terminated: l.terminated, last: l.last, overlong: l.overlong });
  }
  return out;
}

describe('readLines', () => {
  it('skips blank lines, keeps physical numbers, flags the last line and an unterminated tail', async () => {
    expect(await collect('a\n\n  \nb\nc', 2)).toEqual([
      { no: 1, text: 'a', terminated: true, last: false, overlong: false },
      { no: 4, text: 'b', terminated: true, last: false, overlong: false },
      { no: 5, text: 'c', terminated: false, last: true, overlong: false },
    ]);
  });

  it('reports an overlong line without keeping it', async () => {
    const lines = await collect(`ok\n${'x'.repeat(50)}\nend\n`, 8, 20);
    expect(lines.map((l) => [l.no, l.text, l.overlong])).toEqual([
      [1, 'ok', false],
      [2, '', true],
      [3, 'end', false],
    ]);
  });

  it('property: any chunk size yields the non-blank lines of split("\\n")', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'bc', '', ' ', '{"x":1}', 'é'), { maxLength: 12 }), fc.boolean(), fc.integer({ min: 1, max: 9 }), async (parts, trailing, chunk) => {
        const data = parts.join('\n') + (trailing ? '\n' : '');
        const expected = data.split('\n').map((text, i) => ({ no: i + 1, text })).filter((l) => l.text.trim() !== '');
        const got = await collect(data, chunk);
        expect(got.map((l) => ({ no: l.no, text: l.text }))).toEqual(expected);
        if (got.length > 0) expect(got[got.length - 1]!.last).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
