import { describe, expect, it } from 'vitest';
import { createProgressBar } from './progress-bar';

function fakeStream(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, columns: 100, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream };
}

describe('progress bar', () => {
  it('draws on a TTY and clears its line when done', () => {
    const { out, stream } = fakeStream(true);
    const bar = createProgressBar(stream);
    bar.update('verifying', 50, 200);
    bar.update('verifying', 60, 200); // throttled: within 100 ms
    bar.update('verifying', 200, 200); // completion always drawn
    bar.done();
    expect(out[0]).toMatch(/verifying\s+\[#+-+\]\s+25% 50\/200/);
    expect(out[1]).toMatch(/100% 200\/200/);
    expect(out.at(-1)).toBe('\r\x1b[2K');
    expect(out).toHaveLength(3);
  });

  it('writes nothing into a pipe', () => {
    const { out, stream } = fakeStream(false);
    const bar = createProgressBar(stream);
    bar.update('x', 1, 2);
    bar.done();
    expect(out).toEqual([]);
  });
});
