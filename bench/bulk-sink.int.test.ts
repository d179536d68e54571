import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCreates } from './bulk-sink';

const BUNDLE = path.join(__dirname, '..', 'dist', 'bench', 'bulk-sink.cjs');

describe('countCreates', () => {
  it('counts create actions with their documents and names what is wrong otherwise', () => {
    expect(countCreates(Buffer.from('{"create":{"_index":"a","_id":"1"}}\n{"x":1}\n{"create":{"_index":"a","_id":"2"}}\n{"x":"\\n"}\n'))).toBe(2);
    expect(countCreates(Buffer.from(''))).toBe('the bulk body must end with a newline');
    expect(countCreates(Buffer.from('{"create":{}}\n{"x":1}'))).toBe('the bulk body must end with a newline');
    expect(countCreates(Buffer.from('{"index":{"_index":"a"}}\n{"x":1}\n'))).toBe('line 1 is not a create action');
    expect(countCreates(Buffer.from('{"create":{}}\n{"x":1}\n{"delete":{}}\n'))).toBe('line 3 is not a create action');
    expect(countCreates(Buffer.from('{"create":{}}\n{"x":1}\n{"create":{}}\n'))).toBe('the last create action has no document');
  });
});

describe('the bulk sink (bench:ingest fast store)', () => {
  let dir: string;
  let upstream: http.Server;
  let sink: ChildProcess;
  let url: string;
  const forwarded: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-bulk-sink-'));
    // The upstream stands for the embedded store: it answers what is not a _bulk.
    upstream = http.createServer((req, res) => {
      forwarded.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' }).end('{"upstream":true}');
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const up = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    sink = spawn(process.execPath, [BUNDLE, '--upstream', up, '--file', path.join(dir, 'sink.ndjson')], { stdio: ['ignore', 'pipe', 'inherit'] });
    url = await new Promise<string>((resolve, reject) => {
      sink.stdout?.on('data', (d: Buffer) => {
        const m = /(http:\/\/\S+)/.exec(d.toString());
        if (m) resolve(m[1] as string);
      });
      sink.once('exit', (code) => reject(new Error(`the sink exited with ${code}`)));
    });
  }, 30_000);
  afterAll(async () => {
    if (sink.exitCode === null) {
      const done = new Promise((r) => sink.once('exit', r));
      sink.kill('SIGTERM');
      await done;
    }
    upstream.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('makes a _bulk body durable and answers every item created, through the official client', async () => {
    const client = new Client({ node: url });
    const body = '{"create":{"_index":"logs-a","_id":"c-0"}}\n{"n":0}\n{"create":{"_index":"logs-a","_id":"c-1"}}\n{"n":1}\n';
    const res = (await client.transport.request({ method: 'POST', path: '/_bulk', querystring: { filter_path: 'items.*.status,items.*.error' }, bulkBody: body })) as { items: unknown[] };
    expect(res.items).toEqual([{ create: { status: 201 } }, { create: { status: 201 } }]);
    expect(fs.readFileSync(path.join(dir, 'sink.ndjson'), 'utf8')).toBe(body);
    // Anything else goes to the upstream store, answered as it answered.
    expect(await client.transport.request({ method: 'GET', path: '/_index_template/x' })).toEqual({ upstream: true });
    expect(forwarded).toEqual(['GET /_index_template/x']);
    await client.close();
  });

  it('refuses a bulk body it cannot answer truthfully with 400 naming the problem, and writes nothing', async () => {
    const before = fs.statSync(path.join(dir, 'sink.ndjson')).size;
    const res = await fetch(`${url}/logs-a/_bulk`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: '{"index":{}}\n{"n":0}\n' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { reason: 'line 1 is not a create action' }, status: 400 });
    expect(fs.statSync(path.join(dir, 'sink.ndjson')).size).toBe(before);
  });
});
