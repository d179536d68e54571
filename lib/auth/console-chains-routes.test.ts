import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuditLog } from '../audit';
import { CONSOLE_ROUTES, installConsoleContext, type ConsoleChainsService } from '.';
import { consoleContextWith } from './__fixtures__/console-service-stubs';

// The Blockchains API's input edge (the role matrix is in console-routes.test.ts): a chain name
// becomes an index pattern, so anything but `{module}-{customer}-{retention}-{tag}` with the
// ingest path's component rules is a 400 naming the problem, before the service is called; an
// unknown chain is the service's plain "not found" result, answered 404 with its code.

vi.mock('server-only', () => ({}));

const ORIGIN = 'http://127.0.0.1:39102';
const SECRET = 'test-secret-test-secret-test-secret-0123456789';
const calls: { name: string; logs: number }[] = [];
const chains: ConsoleChainsService = {
  list: async () => ({ chains: [], rateWindowSecs: 60, storeProblem: null, generatedAt: '2026-12-06T10:00:00.000Z' }),
  detail: async (name, logs) => {
    calls.push({ name, logs });
    if (name === 'elproxysigned-nobody-6_months-0') return { found: false, code: 'ERR_CONSOLE_CHAIN_NOT_FOUND', message: `no blockchain named ${name}` };
    if (name === 'elproxysigned-unknown-6_months-0') return { found: false, code: 'ERR_CONSOLE_CHAINS_STORE', message: 'the store could not be read' };
    return { found: true, detail: { chain: { name } as never, lastHash: null, dataStreams: [], recentLogs: [], reports: [], rateWindowSecs: 60, storeProblem: null } };
  },
};
const audit: AuditLog = { append: async () => undefined, search: async () => ({ total: 0, records: [] }) };
const ctx = consoleContextWith({ origin: ORIGIN, secret: SECRET, audit, services: { chains } });
let cookie = '';

async function get(query: string): Promise<{ status: number; body: { error?: { code: string; message: string }; chain?: { name: string } } }> {
  const file = path.resolve(__dirname, '../../app/api/console/chains/detail/route.ts');
  const mod = (await import(file)) as { GET: (req: Request) => Promise<Response> };
  const res = await mod.GET(new Request(`${ORIGIN}${CONSOLE_ROUTES.chainDetail.path}?${query}`, { headers: { cookie } }));
  return { status: res.status, body: (await res.json()) as never };
}

beforeAll(async () => {
  installConsoleContext(ctx);
  const token = await encode({ token: { username: 'viewer', roles: ['signet-viewer'], loginAt: Math.floor(Date.now() / 1000) }, secret: SECRET, maxAge: 3600 });
  cookie = `next-auth.session-token=${token}`;
});
afterAll(() => installConsoleContext(null));

describe('GET /api/console/chains/detail input', () => {
  const bad: [string, RegExp][] = [
    ['', /chain: .*expected string/i],
    ['chain=', /four parts/],
    ['chain=acme', /four parts/],
    ['chain=elproxysigned-acme-6_months', /four parts/],
    ['chain=elproxysigned-acme-6_months-0-x', /four parts/],
    ['chain=elproxysigned-ACME-6_months-0', /customer part may contain only lowercase/],
    ['chain=elproxysigned-acme-..-0', /retention part may contain only|retention part must not contain/],
    ['chain=elproxysigned-a..b-6_months-0', /customer part must not contain "\.\."/],
    ['chain=elproxysigned-.acme-6_months-0', /customer part may contain only/],
    ['chain=elproxysigned-acme-6_months-*', /tag part may contain only/],
    ['chain=elproxysigned-acme-6_months-0%2Fx', /tag part may contain only/],
    ['chain=elproxysigned-acme-6_months-0%2C*', /tag part may contain only/],
    ['chain=elproxysigned--6_months-0', /customer part must not be empty/],
    [`chain=elproxysigned-${'a'.repeat(65)}-6_months-0`, /customer part must be at most 64/],
    [`chain=${'a'.repeat(300)}`, /at most 259/],
    ['chain=elproxysigned-acme-6_months-0&logs=0', /logs/],
    ['chain=elproxysigned-acme-6_months-0&logs=101', /logs/],
    ['chain=elproxysigned-acme-6_months-0&logs=x', /logs/],
    ['chain=elproxysigned-acme-6_months-0&index=*', /index|unrecognized/i],
  ];
  for (const [query, message] of bad) {
    it(`400 for ?${query.slice(0, 60)}`, async () => {
      calls.length = 0;
      const r = await get(query);
      expect(r.status).toBe(400);
      expect(r.body.error?.code).toBe('ERR_AUTH_BAD_REQUEST');
      expect(r.body.error?.message).toMatch(message);
      expect(calls).toEqual([]);
    });
  }

  it('passes a valid name and the default of 30 logs to the service', async () => {
    calls.length = 0;
    const r = await get('chain=elproxysigned-acme-6_months-0');
    expect(r.status).toBe(200);
    expect(r.body.chain?.name).toBe('elproxysigned-acme-6_months-0');
    expect(await get('chain=my.module-acme_1-10_days-tag.2&logs=50')).toMatchObject({ status: 200 });
    expect(calls).toEqual([
      { name: 'elproxysigned-acme-6_months-0', logs: 30 },
      { name: 'my.module-acme_1-10_days-tag.2', logs: 50 },
    ]);
  });

  it('answers 404 for an unknown chain and 503 when the store cannot tell, with their codes', async () => {
    const r = await get('chain=elproxysigned-nobody-6_months-0');
    expect(r.status).toBe(404);
    expect(r.body.error).toEqual({ code: 'ERR_CONSOLE_CHAIN_NOT_FOUND', message: 'no blockchain named elproxysigned-nobody-6_months-0' });
    const s = await get('chain=elproxysigned-unknown-6_months-0');
    expect(s.status).toBe(503);
    expect(s.body.error?.code).toBe('ERR_CONSOLE_CHAINS_STORE');
  });
});
