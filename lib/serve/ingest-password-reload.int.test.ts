// A rotated ingest password (BasicAuth `password_file`) applies without a restart:
// RunningSignet.reload, which `signet serve` runs on SIGHUP. A broken file leaves
// the password in use in place; no message ever holds a password.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSignet, type TestSignet } from './__fixtures__/test-signet';

const OLD = 'old password 81c2';
const NEW = 'new password 5d07';
const META = { agent: { type: 'filebeat', version: '8.13.4' }, customer: 'pw', retention: '6_months', blockchain_tag: '0' };
let root: string;
let file: string;
let s: TestSignet;

const send = async (password: string) =>
  (
    await fetch(`${s.url}/api/log_batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`shipper:${password}`).toString('base64')}` },
      body: JSON.stringify([{ '@timestamp': '2026-12-07T10:00:00Z', seq: 1, EBP_METADATA: META }]),
    })
  ).status;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-pw-reload-'));
  file = path.join(root, 'password');
  fs.writeFileSync(file, `${OLD}\n`, { mode: 0o600 });
  s = await startTestSignet({ toml: `[ingest.auth]\ntype = "BasicAuth"\nusername = "shipper"\npassword_file = ${JSON.stringify(file)}\n` });
}, 120_000);
afterAll(async () => {
  await s?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('reloading the ingest password', () => {
  it('applies a rotated password file after a reload, and keeps the one in use when the file is unusable', async () => {
    expect(await send(OLD)).toBe(200);
    fs.writeFileSync(file, `${NEW}\n`);
    expect(await send(NEW)).toBe(401); // read at start-up: nothing changes until the reload
    expect(s.running.reload(s.config).at(-1)).toEqual({ ok: true, message: `ingest password reloaded from ${file}` });
    expect(await send(NEW)).toBe(200);
    expect(await send(OLD)).toBe(401);

    fs.writeFileSync(file, '');
    const r = s.running.reload(s.config).at(-1);
    expect(r?.ok).toBe(false);
    expect(r?.message).toContain('ingest password not reloaded, the one in use stays');
    expect(r?.message).toContain(file);
    expect(await send(NEW)).toBe(200);
    for (const m of [r?.message ?? '', ...s.logs]) {
      expect(m).not.toContain(OLD);
      expect(m).not.toContain(NEW);
    }
  });
});
