import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChainHead } from '../chain';
import { KeyFileSaver } from './key-file-saver';

const head = (iteration: number): ChainHead => ({ key: new Uint8Array(64), iteration, previousHash: null });

function make(intervalMs: number, opts: { failSave?: () => boolean; failMark?: (seq: number) => boolean } = {}) {
  const log: string[] = [];
  let now = 10_000;
  let closing = false;
  const saver = new KeyFileSaver({
    save: async (h) => {
      if (opts.failSave?.()) throw new Error('ENOSPC');
      log.push(`save ${h.iteration}`);
    },
    markDone: async (seq) => {
      if (opts.failMark?.(seq)) throw new Error('EIO');
      log.push(`done ${seq}`);
    },
    now: () => now,
    intervalMs,
    closing: () => closing,
  });
  return { saver, log, advance: (ms: number) => (now += ms), close: () => (closing = true) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('KeyFileSaver', () => {
  it('with no interval, saves each head and then marks its records done, in order', async () => {
    const { saver, log } = make(0);
    await Promise.all([saver.inOrder(() => saver.finish([1, 2], head(10))), saver.inOrder(() => saver.finish([3], head(15)))]);
    expect(log).toEqual(['save 10', 'done 1', 'done 2', 'save 15', 'done 3']);
  });

  it('within the interval, only the latest head is saved, by the timer, covering every record', async () => {
    vi.useFakeTimers();
    const { saver, log, advance } = make(1000);
    await saver.inOrder(() => saver.finish([1], head(5)));
    advance(100);
    await saver.inOrder(() => saver.finish([2], head(10)));
    advance(100);
    await saver.inOrder(() => saver.finish([3], head(15)));
    expect(log).toEqual(['save 5', 'done 1']);
    advance(800);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log).toEqual(['save 5', 'done 1', 'save 15', 'done 2', 'done 3']);
  });

  it('flush saves what the timer holds back (close)', async () => {
    vi.useFakeTimers();
    const { saver, log, advance, close } = make(60_000);
    await saver.inOrder(() => saver.finish([1], head(5)));
    advance(10);
    await saver.inOrder(() => saver.finish([2], head(9)));
    close();
    await saver.flush();
    expect(log).toEqual(['save 5', 'done 1', 'save 9', 'done 2']);
  });

  it('a failed save keeps the records pending until a later save covers them', async () => {
    let fail = true;
    const { saver, log } = make(0, { failSave: () => fail });
    await saver.inOrder(() => saver.finish([1], head(5)));
    expect(log).toEqual([]);
    fail = false;
    await saver.inOrder(() => saver.finish([2], head(9)));
    expect(log).toEqual(['save 9', 'done 1', 'done 2']);
  });

  it('a "done" mark that fails is retried by the next save, and the failure reaches the caller', async () => {
    let failOn = 2;
    const { saver, log } = make(0, { failMark: (seq) => seq === failOn });
    await expect(saver.inOrder(() => saver.finish([1, 2, 3], head(5)))).rejects.toThrow('EIO');
    expect(log).toEqual(['save 5', 'done 1']);
    failOn = -1;
    await saver.inOrder(() => saver.finish([4], head(7)));
    expect(log).toEqual(['save 5', 'done 1', 'save 7', 'done 2', 'done 3', 'done 4']);
  });
});
