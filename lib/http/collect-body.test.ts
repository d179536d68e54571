import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { deflateSync, gzipSync } from 'node:zlib';
import { BodyBuffer, collectBody, inflateBody } from './collect-body';

const tooLarge = () => new Error('too large');
const bytes = (n: number, c = 0x61) => Buffer.alloc(n, c);

describe('collectBody', () => {
  it('keeps a body sent one byte per chunk in one buffer at most twice its size', async () => {
    const chunks = Array.from({ length: 100_000 }, (_, i) => Buffer.from([0x30 + (i % 10)]));
    const charged: number[] = [];
    const out = await collectBody(Readable.from(chunks), { maxBytes: 1_000_000, tooLarge, charge: (n) => charged.push(n) });
    expect(out.bytes().length).toBe(100_000);
    expect(out.bytes().subarray(0, 12).toString()).toBe('012345678901');
    expect(out.capacity).toBeLessThanOrEqual(2 * 100_000);
    // Charged once per doubling (16 KB, 32, 64, 128), adding up to the memory held.
    expect(charged.length).toBeLessThanOrEqual(5);
    expect(charged.reduce((a, b) => a + b, 0)).toBe(out.capacity);
  });

  it('sizes the buffer to the declared length, and stops at maxBytes', async () => {
    const exact = await collectBody(Readable.from([bytes(70_000), bytes(30_000)]), { maxBytes: 1_000_000, expected: 100_000, tooLarge });
    expect(exact.capacity).toBe(100_000);
    await expect(collectBody(Readable.from([bytes(600), bytes(600)]), { maxBytes: 1000, tooLarge })).rejects.toThrow('too large');
  });

  it('stops reading at the first refused charge', async () => {
    let n = 0;
    async function* body() {
      for (;;) {
        n++;
        yield bytes(16_384);
      }
    }
    const refuse = (b: number) => {
      if (b > 40_000) throw new Error('over budget');
    };
    await expect(collectBody(body(), { maxBytes: 10_000_000, tooLarge, charge: refuse })).rejects.toThrow('over budget');
    // Capacity 16 KB, 32 KB (+16), 64 KB (+32, holding chunks 3 and 4); chunk 5 needs 128 KB (+64): refused.
    expect(n).toBe(5);
  });
});

describe('BodyBuffer', () => {
  it('throws tooLarge one byte past maxBytes, keeping what it had', () => {
    const b = new BodyBuffer({ maxBytes: 10, tooLarge });
    b.push(bytes(10));
    expect(() => b.push(bytes(1))).toThrow('too large');
    expect(b.bytes().length).toBe(10);
  });
});

describe('inflateBody', () => {
  it('inflates gzip and deflate, and bounds the output (a gzip bomb stops at maxBytes)', async () => {
    expect((await inflateBody(gzipSync('[{"a":1}]'), 'gzip', { maxBytes: 100, tooLarge })).bytes().toString()).toBe('[{"a":1}]');
    expect((await inflateBody(deflateSync('[]'), 'deflate', { maxBytes: 100, tooLarge })).bytes().toString()).toBe('[]');
    await expect(inflateBody(gzipSync(bytes(10 * 1024 * 1024, 0)), 'gzip', { maxBytes: 1024 * 1024, tooLarge })).rejects.toThrow('too large');
  });

  it('rejects a corrupt or truncated body with zlib\'s error', async () => {
    await expect(inflateBody(Buffer.from('not gzip'), 'gzip', { maxBytes: 100, tooLarge })).rejects.toMatchObject({ code: expect.stringMatching(/^Z_/) });
    const gz = gzipSync(bytes(1000));
    await expect(inflateBody(gz.subarray(0, gz.length - 6), 'gzip', { maxBytes: 10_000, tooLarge })).rejects.toThrow();
    await expect(inflateBody(Buffer.alloc(0), 'gzip', { maxBytes: 100, tooLarge })).rejects.toThrow();
  });
});
