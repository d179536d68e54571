// The ingest listener keeps idle keep-alive connections longer than Node's 5 s default, so a
// shipper's pooled connection survives the gap between two batches (http-server.ts).
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeLogs, startHarness, testChain, type Harness } from './__fixtures__/reliability-harness';

const A = testChain('keepalive');

function post(agent: http.Agent, url: string, body: string): Promise<{ status: number; reused: boolean }> {
  const u = new URL(`${url}/api/log_batch`);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reused: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('keep-alive on the ingest listener', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({});
  });
  afterEach(async () => {
    await h.close();
  });

  it('a pooled connection idle for longer than Node\'s default 5 s is still open for the next batch', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await post(agent, h.signet.url, JSON.stringify(makeLogs(A, [0])))).toEqual({ status: 200, reused: false });
      await new Promise((r) => setTimeout(r, 6_000));
      expect(await post(agent, h.signet.url, JSON.stringify(makeLogs(A, [1])))).toEqual({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  });
});
