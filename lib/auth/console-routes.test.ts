import fs from 'node:fs';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONSOLE_ROUTES, installConsoleContext, type ConsoleRouteDef, type HttpMethod } from '.';
import { stubConsoleContext } from './__fixtures__/console-service-stubs';

// The access matrix of the console API, from the route registry: every route file under
// app/api/console is imported and called as anonymous, viewer, operator, auditor and a user
// without a console role, with REAL session cookies (next-auth's encrypted JWT under the test
// secret): nothing about authentication is mocked. A route file exporting a method the registry
// does not list fails the first test.

// Route files enter server code through lib/server.ts, whose 'server-only' import throws outside
// Next's react-server condition (house style §2.2 rule 4).
vi.mock('server-only', () => ({}));

const APP_DIR = path.resolve(__dirname, '../../app/api/console');
const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const ORIGIN = 'http://127.0.0.1:39100';
const SECRET = 'test-secret-test-secret-test-secret-0123456789';

const { ctx, appended, verificationStarts } = stubConsoleContext({ origin: ORIGIN, secret: SECRET });

type Identity = 'anonymous' | 'noRole' | 'viewer' | 'operator' | 'auditor';
const ROLES: Record<Exclude<Identity, 'anonymous'>, string[]> = {
  noRole: ['offline_access', 'default-roles-signet'],
  viewer: ['signet-viewer'],
  operator: ['signet-operator'],
  auditor: ['signet-auditor'],
};
const cookies = new Map<Identity, string>();

/** The status each identity must get for a permission. */
function expected(permission: ConsoleRouteDef['permission'], who: Identity): number {
  if (who === 'anonymous') return 401;
  const allowed: Record<ConsoleRouteDef['permission'], Identity[]> = {
    session: ['noRole', 'viewer', 'operator', 'auditor'],
    read: ['viewer', 'operator', 'auditor'],
    operate: ['operator'],
    audit: ['auditor'],
  };
  return allowed[permission].includes(who) ? 200 : 403;
}

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === 'route.ts' ? [path.join(dir, e.name)] : []));
}

function pathOf(file: string): string {
  return `/api/console/${path.relative(APP_DIR, path.dirname(file)).split(path.sep).join('/')}`;
}

function request(route: ConsoleRouteDef, cookie: string | undefined, extra: Record<string, string> = {}): Request {
  const url = new URL(route.path, ORIGIN);
  const init: RequestInit = { method: route.method, headers: { ...(cookie === undefined ? {} : { cookie }), ...extra } };
  if (route.method === 'GET') for (const [k, v] of Object.entries(route.sample)) url.searchParams.set(k, String(v));
  else init.body = JSON.stringify(route.sample);
  if (route.method !== 'GET') init.headers = { ...(init.headers as Record<string, string>), origin: ORIGIN, 'content-type': 'application/json' };
  return new Request(url, init);
}

async function handlerFor(route: ConsoleRouteDef): Promise<(req: Request) => Promise<Response>> {
  const file = path.join(APP_DIR, route.path.slice('/api/console/'.length), 'route.ts');
  const mod = (await import(file)) as Record<string, unknown>;
  return mod[route.method] as (req: Request) => Promise<Response>;
}

beforeAll(async () => {
  installConsoleContext(ctx);
  for (const [who, roles] of Object.entries(ROLES)) {
    const token = await encode({ token: { username: who, roles, loginAt: Math.floor(Date.now() / 1000) }, secret: SECRET, maxAge: 3600 });
    cookies.set(who as Identity, `next-auth.session-token=${token}`);
  }
});
afterAll(() => installConsoleContext(null));

describe('console API registry', () => {
  it('lists every method every route file exports', async () => {
    const registered = new Set(Object.values(CONSOLE_ROUTES).map((r) => `${r.method} ${r.path}`));
    const exported: string[] = [];
    for (const file of routeFiles(APP_DIR)) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of METHODS) if (typeof mod[m] === 'function') exported.push(`${m} ${pathOf(file)}`);
    }
    expect(exported.filter((e) => !registered.has(e)), 'route methods missing from CONSOLE_ROUTES').toEqual([]);
    expect([...registered].filter((r) => !exported.includes(r)), 'registry entries without a route').toEqual([]);
  });

  for (const [id, route] of Object.entries(CONSOLE_ROUTES) as [string, ConsoleRouteDef][]) {
    for (const who of ['anonymous', 'noRole', 'viewer', 'operator', 'auditor'] as Identity[]) {
      it(`${route.method} ${route.path} (${id}) as ${who} → ${expected(route.permission, who)}`, async () => {
        const res = await (await handlerFor(route))(request(route, cookies.get(who)));
        const body = (await res.json()) as { error?: { code: string; message: string } };
        expect(res.status, JSON.stringify(body)).toBe(expected(route.permission, who));
        if (res.status >= 400) expect(body.error?.code).toMatch(/^ERR_AUTH_/);
        expect(JSON.stringify(body)).not.toContain(SECRET);
      });
    }
  }
});

describe('console API edge cases', () => {
  const audited = CONSOLE_ROUTES.auditList;
  const logout = CONSOLE_ROUTES.logout;

  it('treats a tampered or foreign session cookie as no session (401)', async () => {
    const good = cookies.get('viewer') as string;
    const tampered = good.slice(0, -6) + (good.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    expect((await (await handlerFor(audited))(request(audited, tampered))).status).toBe(401);
    const foreign = await encode({ token: { username: 'x', roles: ['signet-viewer'], loginAt: Math.floor(Date.now() / 1000) }, secret: 'another-secret-another-secret-another-secret', maxAge: 3600 });
    expect((await (await handlerFor(audited))(request(audited, `next-auth.session-token=${foreign}`))).status).toBe(401);
    expect((await (await handlerFor(audited))(request(audited, 'next-auth.session-token=%%%garbage'))).status).toBe(401);
  });

  it('enforces the absolute session lifetime from login time (401)', async () => {
    const old = await encode({ token: { username: 'viewer', roles: ['signet-viewer'], loginAt: Math.floor(Date.now() / 1000) - 3601 }, secret: SECRET, maxAge: 3600 });
    expect((await (await handlerFor(audited))(request(audited, `next-auth.session-token=${old}`))).status).toBe(401);
  });

  it('refuses cross-site mutations (403 ERR_AUTH_CROSS_SITE)', async () => {
    const h = await handlerFor(logout);
    const cookie = cookies.get('viewer') as string;
    const variants: Record<string, string>[] = [{ origin: 'http://evil.example' }, { origin: 'http://127.0.0.1:39101' }, { 'sec-fetch-site': 'cross-site', origin: ORIGIN }];
    for (const headers of variants) {
      const req = new Request(new URL(logout.path, ORIGIN), { method: 'POST', headers: { cookie, 'content-type': 'application/json', ...headers }, body: '{}' });
      const res = await h(req);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ERR_AUTH_CROSS_SITE');
    }
    const noOrigin = new Request(new URL(logout.path, ORIGIN), { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' });
    expect((await h(noOrigin)).status).toBe(403);
  });

  it('answers 400 for bad query values and unknown parameters, 400/413 for bad bodies', async () => {
    const h = await handlerFor(audited);
    const cookie = cookies.get('viewer') as string;
    for (const q of ['size=1000', 'page=-1', 'action=drop_index', 'from=yesterday', 'nope=1']) {
      const res = await h(new Request(`${ORIGIN}${audited.path}?${q}`, { headers: { cookie } }));
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ERR_AUTH_BAD_REQUEST');
    }
    const lo = await handlerFor(logout);
    const post = (body: string, type = 'application/json') => new Request(new URL(logout.path, ORIGIN), { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': type }, body });
    expect((await lo(post('{not json'))).status).toBe(400);
    expect((await lo(post('{"a":1}'))).status).toBe(400);
    expect((await lo(post('a=1', 'application/x-www-form-urlencoded'))).status).toBe(400);
    expect((await lo(post(`{"a":"${'x'.repeat(70_000)}"}`))).status).toBe(413);
  });

  it('logs out: clears the session cookie, audits, and answers where to go', async () => {
    appended.length = 0;
    const res = await (await handlerFor(logout))(request(logout, cookies.get('operator')));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { url: string }).url).toBe('/logged-out');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('next-auth.session-token=;') && c.includes('Max-Age=0'))).toBe(true);
    expect(appended).toMatchObject([{ action: 'logout', user: { name: 'operator', roles: ['signet-operator'] }, outcome: 'success' }]);
  });
  it('recovers DLQ files: relative names at a listed version only (400 otherwise); audits the start and the outcome', async () => {
    const route = CONSOLE_ROUTES.dlqRecover;
    const h = await handlerFor(route);
    const cookie = cookies.get('operator') as string;
    const post = (body: unknown) => new Request(new URL(route.path, ORIGIN), { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const f = (relPath: string, version = '12:1765000000000') => ({ relPath, version });
    for (const bad of [{ files: [f('../etc/passwd')] }, { files: [f('/abs/x.ndjson')] }, { files: [f('acme/../x.ndjson')] }, { files: [f('a\\b.ndjson')] }, { files: [] }, { files: ['acme/x.ndjson'] }, { files: [f('acme/x.ndjson', 'yesterday')] }, { nope: 1 }]) {
      const res = await h(post(bad));
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    appended.length = 0;
    const res = await h(post({ files: [f('acme/logs-x-2026-12-06.ndjson')] }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { report: { totals: { recovered: number } } }).report.totals.recovered).toBe(1);
    expect(appended).toMatchObject([
      { action: 'dlq_recover', target: 'acme/logs-x-2026-12-06.ndjson', outcome: 'success', details: { phase: 'finished', recovered: 1 }, user: { name: 'operator' } },
      { action: 'dlq_recover', target: route.path, outcome: 'success', user: { name: 'operator' } },
    ]);
  });

  it('archives one DLQ file (audited as dlq_archive on the file) and refuses bad names and versions (400)', async () => {
    const route = CONSOLE_ROUTES.dlqArchive;
    const h = await handlerFor(route);
    const cookie = cookies.get('operator') as string;
    const post = (body: unknown) => new Request(new URL(route.path, ORIGIN), { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    for (const bad of [{ file: '../x.ndjson', version: '1:1' }, { file: 'acme/x.ndjson' }, { file: 'acme/x.ndjson', version: '' }]) expect((await h(post(bad))).status, JSON.stringify(bad)).toBe(400);
    appended.length = 0;
    const res = await h(post({ file: 'acme/x-2026-12-06.ndjson', version: '1:1' }));
    expect(res.status).toBe(200);
    expect(appended).toMatchObject([{ action: 'dlq_archive', target: 'acme/x-2026-12-06.ndjson', outcome: 'success', details: { archivedTo: 'acme/archive_dlq/x-2026-12-06.ndjson' } }]);
  });

  it('saves the signed fields: an entry that is not a dot path is a 400 naming it; a save is audited as config_change on the file', async () => {
    const route = CONSOLE_ROUTES.configurationSaveFields;
    const h = await handlerFor(route);
    const cookie = cookies.get('operator') as string;
    const put = (body: unknown) => new Request(new URL(route.path, ORIGIN), { method: 'PUT', headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    appended.length = 0;
    for (const bad of [{ includeFields: ['host..ip'], version: 'absent' }, { includeFields: [], version: 'absent' }, { includeFields: ['a', 'a'], version: 'absent' }, { includeFields: ['a'] }, { includeFields: [1], version: 'absent' }]) {
      const res = await h(put(bad));
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const bad = (await (await h(put({ includeFields: ['ok', 'host..ip'], version: 'absent' }))).json()) as { error: { message: string } };
    expect(bad.error.message).toContain('includeFields.1');
    expect(appended).toEqual([]);
    const res = await h(put({ includeFields: ['message', 'host.name'], version: 'absent' }));
    expect(res.status).toBe(200);
    expect(appended).toMatchObject([{ action: 'config_change', target: 'elastic_blockchain_proxy_fields.toml', outcome: 'success', details: { fieldsBefore: 1, fieldsAfter: 2, added: 1, removed: 0 } }]);
  });

  it('answers 503 when the DLQ service is not wired', async () => {
    installConsoleContext({ ...ctx, services: {} });
    try {
      const res = await (await handlerFor(CONSOLE_ROUTES.dlqList))(request(CONSOLE_ROUTES.dlqList, cookies.get('viewer')));
      expect(res.status).toBe(503);
    } finally {
      installConsoleContext(ctx);
    }
  });

  it('verification: bad start bodies are 400 and reach no service; service errors keep their status and message', async () => {
    const route = CONSOLE_ROUTES.verificationStart;
    const h = await handlerFor(route);
    const cookie = cookies.get('auditor') as string;
    const post = (body: unknown) => new Request(new URL(route.path, ORIGIN), { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const good = { chain: 'elproxysigned-acme-6_months-0', mode: 'full', keyFile: '{"key":"x"}' };
    verificationStarts.length = 0;
    for (const bad of [{ ...good, chain: '../etc' }, { ...good, chain: 'a-b-c' }, { ...good, chain: 'a-b..c-d-e' }, { ...good, mode: 'quick' }, { ...good, keyFile: '' }, { ...good, keyFile: 'x'.repeat(20_000) }, { ...good, fileName: 'a/b.json' }, { ...good, extra: 1 }]) {
      const res = await h(post(bad));
      expect(res.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
      const text = await res.text();
      expect(text).not.toContain('xxxxxxxx');
    }
    expect(verificationStarts).toEqual([]);
    const res = await h(post({ ...good, keyFile: 'not a key', fileName: 'k.json' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'ERR_VERIFY_KEY_FILE', message: 'invalid key file k.json: the key is not 64 lowercase hexadecimal characters' } });
    const missing = 'elproxysigned-acme-6_months-0-20261206T101500Z-ffffff';
    const report = await (await handlerFor(CONSOLE_ROUTES.verificationReport))(new Request(`${ORIGIN}${CONSOLE_ROUTES.verificationReport.path}?id=${missing}`, { headers: { cookie: cookies.get('viewer') as string } }));
    expect(report.status).toBe(404);
    expect(((await report.json()) as { error: { code: string } }).error.code).toBe('ERR_VERIFY_NOT_FOUND');
    for (const q of ['id=../../etc/passwd', 'id=x', 'nope=1']) {
      const r = await (await handlerFor(CONSOLE_ROUTES.verificationReport))(new Request(`${ORIGIN}${CONSOLE_ROUTES.verificationReport.path}?${q}`, { headers: { cookie: cookies.get('viewer') as string } }));
      expect(r.status, q).toBe(400);
    }
  });
});
