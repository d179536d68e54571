// The embedded store as a child process (as `signet serve` runs it): it restarts on the same port
// after an unexpected death, closes cleanly, exits by itself when its parent goes away, and waits
// a bounded time for a data directory still locked by a live process.
import { fork, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedEsChild } from './start-embedded-es-child';

const ROOT = path.resolve(__dirname, '..', '..', '..');
let dir: string;
let entry: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'signet-es-child-'));
  entry = path.join(dir, 'child-main.cjs');
  // Dependencies bundled too: outside the repository, node_modules would not resolve.
  await build({ entryPoints: [path.join(ROOT, 'lib', 'embedded-es', 'child-main.ts')], outfile: entry, bundle: true, platform: 'node', target: 'node20', format: 'cjs', tsconfig: path.join(ROOT, 'tsconfig.json'), logLevel: 'error' });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const put = (url: string, id: string) => fetch(`${url}/t/_doc/${id}?refresh=true`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('startEmbeddedEsChild', () => {
  it('restarts a killed child on the same port with its data, and closes cleanly', async () => {
    const dataDir = path.join(dir, 'a');
    const events: string[] = [];
    const es = await startEmbeddedEsChild({ entry, dataDir, port: 0, restartDelayMs: 50, logger: { warn: (m) => events.push(m), error: (m) => events.push(m) } });
    try {
      expect((await put(es.url, '1')).status).toBe(201);
      const first = es.pid() as number;
      expect(JSON.parse(readFileSync(path.join(dataDir, 'store.lock'), 'utf8')).pid).toBe(first);
      process.kill(first, 'SIGKILL');
      await expect(put(es.url, '2')).rejects.toThrow();
      for (let i = 0; i < 200 && (es.pid() === undefined || es.pid() === first); i++) await sleep(50);
      expect(es.pid()).not.toBe(first);
      let got = await fetch(`${es.url}/t/_doc/1`).catch(() => null);
      for (let i = 0; i < 50 && got?.status !== 200; i++) got = await (sleep(50), fetch(`${es.url}/t/_doc/1`).catch(() => null));
      expect(got?.status).toBe(200);
      expect(events.join('\n')).toMatch(/exited unexpectedly[\s\S]*is back/);
    } finally {
      await es.close();
    }
    expect(existsSync(path.join(dataDir, 'store.lock'))).toBe(false);
  }, 60_000);

  it('exits by itself, releasing the lock, when its parent goes away', async () => {
    const dataDir = path.join(dir, 'b');
    const child = fork(entry, [JSON.stringify({ dataDir, host: '127.0.0.1', port: 0, maxContentLength: 1 << 20, lockWaitMs: 0 })], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    const listening = await new Promise<{ url: string }>((resolve) => child.on('message', (m: { type: string; url: string }) => m.type === 'listening' && resolve(m)));
    expect((await put(listening.url, '1')).status).toBe(201);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.disconnect(); // what a SIGKILL of the parent looks like from the child
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'store.lock'))).toBe(false);
  }, 30_000);

  it('waits a bounded time for a lock held by a live process, then says so', async () => {
    const dataDir = path.join(dir, 'c');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      await startEmbeddedEsChild({ entry, dataDir, lockWaitMs: 0 }).then((es) => es.close());
      writeFileSync(path.join(dataDir, 'store.lock'), String(holder.pid));
      const t0 = Date.now();
      await expect(startEmbeddedEsChild({ entry, dataDir, lockWaitMs: 600 })).rejects.toMatchObject({ code: 'ERR_EMBEDDED_ES_IO', message: expect.stringMatching(new RegExp(`in use by process ${holder.pid} \\(still after waiting`)) });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(600);
      // The holder goes away during the wait: the start goes through.
      setTimeout(() => holder.kill('SIGKILL'), 300);
      const es = await startEmbeddedEsChild({ entry, dataDir, lockWaitMs: 10_000 });
      expect(pidAlive(holder.pid as number)).toBe(false);
      await es.close();
    } finally {
      holder.kill('SIGKILL');
    }
  }, 60_000);
});
