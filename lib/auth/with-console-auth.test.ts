import { encode } from 'next-auth/jwt';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../audit';
import { AppError } from '../errors';
import { installConsoleContext, withConsoleAuth, type ConsoleContext, type ConsoleRouteDef } from '.';

// The wrapper's auditing of state-changing routes, on a synthetic operator-only route.

const ORIGIN = 'http://127.0.0.1:39200';
const SECRET = 'wrapper-test-secret-wrapper-test-secret-01234';
const events: AuditEvent[] = [];
const ctx: ConsoleContext = {
  publicUrl: ORIGIN, issuer: 'http://127.0.0.1:9/realms/signet', clientId: 'c', clientSecret: 'x', sessionSecret: SECRET, sessionMaxAgeSecs: 600,
  roleNames: { viewer: 'signet-viewer', operator: 'signet-operator', auditor: 'signet-auditor' }, rolesClaim: 'realm_access.roles', clientRoles: false, embeddedIdp: true,
  audit: { append: async (e) => void events.push(e), search: async () => ({ total: 0, records: [] }) },
  log: () => undefined,
  services: {},
};
const route: ConsoleRouteDef = { method: 'POST', path: '/api/console/example', permission: 'operate', sample: {}, audit: 'config_change' };
const cookie = async (roles: string[]) => `next-auth.session-token=${await encode({ token: { username: 'u', roles, loginAt: Math.floor(Date.now() / 1000) }, secret: SECRET, maxAge: 600 })}`;
const post = async (roles: string[], body: unknown) => new Request(`${ORIGIN}${route.path}`, { method: 'POST', headers: { cookie: await cookie(roles), origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(() => installConsoleContext(ctx));
afterAll(() => installConsoleContext(null));

describe('withConsoleAuth auditing', () => {
  const handler = withConsoleAuth(route, z.strictObject({ fail: z.boolean() }), async ({ input }) => {
    if (input.fail) throw new AppError('ERR_EXAMPLE_REFUSED', 'refused', { status: 409 });
    return { ok: true };
  });

  it('records success and failure of an audited action, and a refused attempt', async () => {
    events.length = 0;
    expect((await handler(await post(['signet-operator'], { fail: false }))).status).toBe(200);
    expect((await handler(await post(['signet-operator'], { fail: true }))).status).toBe(409);
    expect((await handler(await post(['signet-viewer'], { fail: false }))).status).toBe(403);
    expect(events.map((e) => [e.action, e.outcome, e.details?.code])).toEqual([
      ['config_change', 'success', undefined],
      ['config_change', 'failure', 'ERR_EXAMPLE_REFUSED'],
      ['access_denied', 'denied', undefined],
    ]);
  });

  it('maps unexpected errors to a generic 500 without their message', async () => {
    const boom = withConsoleAuth({ ...route, audit: undefined }, z.strictObject({}), async () => {
      throw new Error('secret internal detail');
    });
    const res = await boom(await post(['signet-operator'], {}));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret internal detail');
  });
});
