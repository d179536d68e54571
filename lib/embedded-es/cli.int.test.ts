import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, startCliStore, type CliBundle } from './__fixtures__/cli-child';

let bundle: CliBundle;
let dir: string;
beforeAll(async () => {
  bundle = await bundleCli();
  dir = mkdtempSync(path.join(os.tmpdir(), 'signet-es-cli-'));
}, 60_000);
afterAll(() => {
  bundle.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('signet embedded-es', () => {
  it('prints its real URL with --port 0, enables fault injection on request and stops on SIGINT', async () => {
    const store = await startCliStore(bundle, path.join(dir, 'a'), ['--enable-fault-injection', '--max-content-length', '1024']);
    expect(store.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${store.url}/_signet/faults`)).status).toBe(200);
    const big = await fetch(`${store.url}/_bulk`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(2048) });
    expect(big.status).toBe(413);
    store.child.kill('SIGINT');
    expect(await store.exited).toEqual({ code: 0, signal: null });
  });

  it('refuses a data directory held by a running store and reports bad flags', async () => {
    const first = await startCliStore(bundle, path.join(dir, 'b'));
    const env = { ...process.env, NODE_PATH: path.resolve(__dirname, '..', '..', 'node_modules') };
    const second = spawnSync(process.execPath, [bundle.entry, 'embedded-es', '--port', '0', '--data-dir', path.join(dir, 'b')], { env, encoding: 'utf8', timeout: 20_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/cannot start the embedded store: data directory .* is in use by process \d+/);
    first.child.kill('SIGTERM');
    await first.exited;
    const bad = spawnSync(process.execPath, [bundle.entry, 'embedded-es', '--port', 'nope', '--data-dir', path.join(dir, 'c')], { env, encoding: 'utf8', timeout: 20_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--port/);
  });
});
