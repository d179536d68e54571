import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedEsError } from '../errors/embedded-es-error';
import { scanFrames } from './frame';
import { walPath } from './fs-utils';
import { MAX_SYNCS_IN_FLIGHT, Wal } from './wal';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'signet-wal-'));
  dirs.push(d);
  return d;
}

/** A datasync whose calls the test answers one by one. */
function controlledSync() {
  const calls: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  const datasync = () => new Promise<void>((resolve, reject) => calls.push({ resolve, reject }));
  return { calls, datasync };
}

/** Records how each promise ended, without awaiting it. */
function track(p: Promise<void>): { state: 'pending' | 'ok' | 'failed'; error?: unknown } {
  const t: { state: 'pending' | 'ok' | 'failed'; error?: unknown } = { state: 'pending' };
  p.then(
    () => (t.state = 'ok'),
    (e: unknown) => {
      t.state = 'failed';
      t.error = e;
    },
  );
  return t;
}

const settle = () => new Promise((r) => setImmediate(r));
const payload = (s: string) => [Buffer.from(s)];

describe('Wal', () => {
  it('writes every frame in append order, whatever the concurrency, and resolves them all', async () => {
    const dir = tmp();
    const wal = await Wal.open(dir, 1);
    const texts = Array.from({ length: 200 }, (_, i) => `op-${i}-${'x'.repeat(i * 37)}`);
    await Promise.all(texts.map((t) => wal.append(payload(t))));
    await wal.close();
    const scan = scanFrames(readFileSync(walPath(dir, 1)));
    expect(scan.damaged).toBe(false);
    expect(scan.payloads.map((p) => p.toString())).toEqual(texts);
    expect(wal.size).toBe(scan.validEnd);
  });

  it('overlaps syncs up to the limit, then groups the frames written meanwhile into the next sync', async () => {
    const { calls, datasync } = controlledSync();
    const wal = await Wal.open(tmp(), 1, datasync);
    const first = Array.from({ length: MAX_SYNCS_IN_FLIGHT }, (_, i) => track(wal.append(payload(`a${i}`))));
    expect(calls.length).toBe(MAX_SYNCS_IN_FLIGHT); // one sync each, none waits for another
    const grouped = [track(wal.append(payload('b0'))), track(wal.append(payload('b1')))];
    expect(calls.length).toBe(MAX_SYNCS_IN_FLIGHT); // at the limit: b0 and b1 wait
    calls[0]?.resolve();
    await settle();
    expect(first.map((t) => t.state)).toEqual(['ok', ...Array(MAX_SYNCS_IN_FLIGHT - 1).fill('pending')]);
    expect(calls.length).toBe(MAX_SYNCS_IN_FLIGHT + 1); // one sync for both
    for (const c of calls.slice(1)) c.resolve();
    await settle();
    expect([...first, ...grouped].every((t) => t.state === 'ok')).toBe(true);
    await wal.close();
  });

  it('acknowledges in write order: a later sync that ends first waits for the earlier ones', async () => {
    const { calls, datasync } = controlledSync();
    const wal = await Wal.open(tmp(), 1, datasync);
    const a = track(wal.append(payload('a')));
    const b = track(wal.append(payload('b')));
    calls[1]?.resolve();
    await settle();
    expect([a.state, b.state]).toEqual(['pending', 'pending']);
    calls[0]?.resolve();
    await settle();
    expect([a.state, b.state]).toEqual(['ok', 'ok']);
    await wal.close();
  });

  it('after a failed sync acknowledges nothing still waiting, even what a later sync reports durable, and refuses new frames', async () => {
    const { calls, datasync } = controlledSync();
    const wal = await Wal.open(tmp(), 1, datasync);
    const a = track(wal.append(payload('a')));
    const b = track(wal.append(payload('b')));
    const c = track(wal.append(payload('c')));
    const d = track(wal.append(payload('d'))); // waits for a free sync
    calls[1]?.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    await settle();
    calls[0]?.resolve();
    calls[2]?.resolve();
    await settle();
    for (const t of [a, b, c, d]) {
      expect(t.state).toBe('failed');
      expect(t.error).toBeInstanceOf(EmbeddedEsError);
      expect((t.error as EmbeddedEsError).code).toBe('ERR_EMBEDDED_ES_IO');
    }
    expect(calls.length).toBe(3); // no sync after the failure
    expect((wal.failed as NodeJS.ErrnoException).code).toBe('EIO');
    await expect(wal.append(payload('e'))).rejects.toMatchObject({ code: 'ERR_EMBEDDED_ES_IO' });
    await expect(wal.barrier()).rejects.toMatchObject({ code: 'ERR_EMBEDDED_ES_IO' });
  });

  it('barrier resolves once every frame appended before it is durable', async () => {
    const { calls, datasync } = controlledSync();
    const wal = await Wal.open(tmp(), 1, datasync);
    await expect(wal.barrier()).resolves.toBeUndefined(); // nothing written: no sync
    expect(calls.length).toBe(0);
    const a = track(wal.append(payload('a')));
    const barrier = track(wal.barrier());
    expect(calls.length).toBe(1); // nothing written since a's sync began: the barrier waits for it
    calls[1]?.resolve();
    await settle();
    expect(barrier.state).toBe('pending');
    calls[0]?.resolve();
    await settle();
    expect([a.state, barrier.state]).toEqual(['ok', 'ok']);
    const b = track(wal.append(payload('b')));
    const c = track(wal.append(payload('c')));
    const later = track(wal.barrier());
    expect(calls.length).toBe(3); // b's and c's syncs; the barrier joins c's
    calls[2]?.resolve();
    await settle();
    expect([b.state, c.state, later.state]).toEqual(['pending', 'pending', 'pending']); // b's sync has not answered: nothing after it is acknowledged
    calls[1]?.resolve();
    await settle();
    expect([b.state, c.state, later.state]).toEqual(['ok', 'ok', 'ok']);
  });
});
