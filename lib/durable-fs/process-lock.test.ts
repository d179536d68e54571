import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFaultInjectingFs } from './fault-injecting-fs';
import { nodeFs, type DurableFs } from './fs-seam';
import { acquireProcessLock, isAlive, ownerOf } from './process-lock';

let dir: string;
let file: string;
const children: ChildProcess[] = [];
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-lock-'));
  file = path.join(dir, 'chain.lock');
});
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A process that runs until the test ends. */
function liveProcess(): number {
  const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(c);
  return c.pid as number;
}

/** The pid of a process that has exited (and was reaped). */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number;

describe('acquireProcessLock', () => {
  it('writes the holder (pid, start time, boot id) 0600, refuses a second taker while held, and releases', async () => {
    const lock = await acquireProcessLock(file);
    const owner = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(owner).toEqual({ pid: process.pid, start: expect.stringMatching(/^\d+$/), boot: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    await expect(acquireProcessLock(file, { owner: await ownerOf(liveProcess()) })).rejects.toMatchObject({ code: 'ERR_FS_LOCKED', message: `${file} is held by process ${process.pid}` });
    await lock.release();
    expect(fs.existsSync(file)).toBe(false);
    (await acquireProcessLock(file)).release();
  });

  it('takes over a lock whose holder exited (kill -9 leaves it behind)', async () => {
    fs.writeFileSync(file, JSON.stringify(await ownerOf(deadPid())));
    const lock = await acquireProcessLock(file);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it('does not mistake a reused pid or a lock from before a reboot for a live holder', async () => {
    const me = await ownerOf(process.pid);
    expect(await isAlive(me)).toBe(true);
    // The same pid, but another process (started at another time): the holder is gone.
    expect(await isAlive({ ...me, start: String(Number(me.start) + 1) })).toBe(false);
    expect(await isAlive({ ...me, boot: '00000000-0000-0000-0000-000000000000' })).toBe(false);
    fs.writeFileSync(file, JSON.stringify({ ...me, start: String(Number(me.start) + 1) }));
    await (await acquireProcessLock(file, { owner: await ownerOf(liveProcess()) })).release();
  });

  it('takes over a torn lock (empty or not JSON: a power failure during its write)', async () => {
    for (const torn of ['', '{"pid":', 'garbage', '{"pid":-4}']) {
      fs.writeFileSync(file, torn);
      const lock = await acquireProcessLock(file);
      await lock.release();
    }
  });

  it('lets exactly one of several processes take the same stale lock', async () => {
    fs.writeFileSync(file, JSON.stringify(await ownerOf(deadPid())));
    const takers = await Promise.all(Array.from({ length: 6 }, () => ownerOf(liveProcess())));
    // Each taker removes files at its own pace, so a slow one removes the stale lock only after
    // a fast one has already put its own in place — unless the takeover guard stops it.
    const slowUnlink = (ms: number): DurableFs => ({ ...nodeFs, unlink: async (p) => (await new Promise((r) => setTimeout(r, ms)), nodeFs.unlink(p)) });
    const results = await Promise.allSettled(takers.map((owner, i) => acquireProcessLock(file, { owner, fs: slowUnlink(i * 15) })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winner = JSON.parse(fs.readFileSync(file, 'utf8')).pid;
    expect(takers.map((t) => t.pid)).toContain(winner);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'ERR_FS_LOCKED', message: expect.stringContaining(`held by process ${winner}`) });
    expect(fs.existsSync(`${file}.takeover`)).toBe(false);
  });

  it('is not stopped by a takeover guard its holder left behind', async () => {
    fs.writeFileSync(file, JSON.stringify(await ownerOf(deadPid())));
    fs.writeFileSync(`${file}.takeover`, JSON.stringify(await ownerOf(deadPid())));
    const lock = await acquireProcessLock(file);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    expect(fs.existsSync(`${file}.takeover`)).toBe(false);
    await lock.release();
  });

  it('release leaves a lock alone that another process has taken over meanwhile', async () => {
    const lock = await acquireProcessLock(file);
    const other = JSON.stringify(await ownerOf(liveProcess()));
    fs.writeFileSync(file, other);
    await lock.release();
    expect(fs.readFileSync(file, 'utf8')).toBe(other);
  });

  it('tells live from dead holders where /proc is hidden (hidepid: EACCES), by asking the kernel', async () => {
    const hidden = createFaultInjectingFs([{ op: 'open', path: /^\/proc\/\d+\//, code: 'EACCES' }]);
    const live = await ownerOf(liveProcess());
    fs.writeFileSync(file, JSON.stringify(live));
    await expect(acquireProcessLock(file, { fs: hidden })).rejects.toMatchObject({ code: 'ERR_FS_LOCKED', holder: live.pid });
    expect(hidden.calls.some((c) => c.op === 'open' && c.path === `/proc/${live.pid}/stat`)).toBe(true);
    fs.writeFileSync(file, JSON.stringify(await ownerOf(deadPid())));
    await (await acquireProcessLock(file, { fs: hidden })).release();
  });

  it('passes system errors through (a missing directory)', async () => {
    await expect(acquireProcessLock(path.join(dir, 'missing', 'x.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
