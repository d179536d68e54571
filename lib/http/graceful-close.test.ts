import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { gracefulClose } from './graceful-close';

interface Answer {
  readonly status: number;
  readonly connection: string | undefined;
  readonly body: string;
}

function get(port: number, agent: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** A server whose answers wait until the test releases them (`hold`), or answer at once. */
async function startServer(): Promise<{ server: http.Server; port: number; release: () => void; received: () => number; hold: (on: boolean) => void }> {
  let holding = true;
  let waiting: (() => void)[] = [];
  let received = 0;
  const server = http.createServer((_req, res) => {
    received++;
    const answer = () => res.end('done');
    if (holding) waiting.push(answer);
    else answer();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    release: () => {
      for (const w of waiting) w();
      waiting = [];
    },
    received: () => received,
    hold: (on) => void (holding = on),
  };
}

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
};

describe('gracefulClose', () => {
  const agents: http.Agent[] = [];
  const servers: http.Server[] = [];
  const agent = () => {
    const a = new http.Agent({ keepAlive: true });
    agents.push(a);
    return a;
  };
  afterEach(() => {
    for (const a of agents.splice(0)) a.destroy();
    for (const s of servers.splice(0)) s.closeAllConnections();
  });

  it('answers the requests in flight with Connection: close, refuses new connections, then resolves', async () => {
    const s = await startServer();
    servers.push(s.server);
    const g = gracefulClose(s.server);
    const inFlight = [get(s.port, agent()), get(s.port, agent())];
    await until(() => s.received() === 2);
    expect(g.inFlight()).toBe(2);

    let closed = false;
    const closing = g.close(10_000);
    void closing.then(() => (closed = true));
    await expect(get(s.port, agent())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(closed).toBe(false); // still waiting for the two answers

    s.release();
    for (const answer of await Promise.all(inFlight)) expect(answer).toEqual({ status: 200, connection: 'close', body: 'done' });
    expect(await closing).toEqual({ cutOff: 0 });
    expect(g.inFlight()).toBe(0);
    expect(g.close(10_000)).toBe(closing); // one close, however often asked
  });

  it('closes idle keep-alive connections at once', async () => {
    const s = await startServer();
    servers.push(s.server);
    s.hold(false);
    const g = gracefulClose(s.server);
    const a = agent();
    expect(await get(s.port, a)).toMatchObject({ status: 200, connection: 'keep-alive' });
    const started = Date.now();
    expect(await g.close(10_000)).toEqual({ cutOff: 0 });
    expect(Date.now() - started).toBeLessThan(5_000); // not the grace period: nothing was in flight
  });

  it('cuts off what is still unanswered when the grace period ends', async () => {
    const s = await startServer();
    servers.push(s.server);
    const g = gracefulClose(s.server);
    const stuck = get(s.port, agent());
    await until(() => s.received() === 1);
    expect(await g.close(100)).toEqual({ cutOff: 1 });
    await expect(stuck).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
