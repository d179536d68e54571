import { describe, expect, it } from 'vitest';
import { keyFromHex } from '../chain';
import { createChainService } from './chain-service';
import { ID, K0, log, makeDeps } from './__fixtures__/fake-ports';
import { logs } from './__fixtures__/writer-helpers';

describe('createChainService', () => {
  it('routes a mixed batch to its chains and answers for the whole request', async () => {
    const { deps, store } = makeDeps();
    const svc = createChainService(deps);
    const other = { ...ID, customer: 'globex' };
    const routed = [...logs(0, 2).map((l) => ({ ...l, identity: ID })), { ...log(9, 'filebeat-x-elproxysigned-globex-6_months-0'), identity: other }];
    expect(await svc.submit(routed)).toEqual({ indexed: 3, dlq: 0 });
    expect([...store.docs.keys()].sort()).toEqual(['elproxysigned-acme-6_months-0-0', 'elproxysigned-acme-6_months-0-1', 'elproxysigned-globex-6_months-0-0']);
    expect(svc.status().map((s) => [s.name, s.iteration])).toEqual([['elproxysigned-acme-6_months-0', 2], ['elproxysigned-globex-6_months-0', 1]]);
    expect(await svc.warmUp([ID, other])).toEqual([{ name: 'elproxysigned-acme-6_months-0' }, { name: 'elproxysigned-globex-6_months-0' }]);
    await svc.close();
    await expect(svc.submit(routed)).rejects.toMatchObject({ code: 'ERR_CHAINS_CLOSED' });
  });

  it('admits at most maxChains chains: a new one beyond it gets a reason, a chain with a key file always opens', async () => {
    const { deps, keys } = makeDeps();
    const svc = createChainService({ ...deps, maxChains: 2 });
    const chain = (customer: string) => ({ ...ID, customer });
    expect(svc.capacity()).toEqual({ chains: 0, max: 2 });
    expect(await svc.admit(chain('acme'))).toBeNull();
    expect(await svc.admit(chain('acme'))).toBeNull(); // known: no second place taken
    expect(svc.capacity()).toEqual({ chains: 1, max: 2 });
    // Two new chains at once: the first takes the last place before the second is asked.
    const [b, c] = await Promise.all([svc.admit(chain('beta')), svc.admit(chain('gamma'))]);
    expect(b).toBeNull();
    expect(c).toBe('blockchain elproxysigned-gamma-6_months-0 would be new, but this instance already keeps max_blockchains (2) blockchains; raise max_blockchains to start it');
    expect(svc.capacity()).toEqual({ chains: 2, max: 2 });
    // A chain with a key file (from before a restart) is no new chain: it opens beyond the limit.
    keys.files.set('elproxysigned-delta-6_months-0', { key: keyFromHex(K0), iteration: 4, previousHash: null });
    expect(await svc.admit(chain('delta'))).toBeNull();
    expect(svc.status().map((s) => s.name)).toContain('elproxysigned-delta-6_months-0');
    expect(await svc.admit(chain('gamma'))).not.toBeNull();
    await svc.close();
    // Without maxChains there is no limit.
    const open = createChainService(makeDeps().deps);
    for (let i = 0; i < 5; i++) expect(await open.admit(chain(`c${i}`))).toBeNull();
    expect(open.capacity()).toEqual({ chains: 5, max: null });
    await open.close();
  });

  it('one failing chain fails the request while the other keeps flowing', async () => {
    const { deps, store } = makeDeps();
    store.failItem = null;
    const svc = createChainService(deps);
    const bad = { ...ID, customer: 'globex' };
    store.docs.set('elproxysigned-globex-6_months-0-7', '{}'); // globex is blocked (no key file here)
    await expect(svc.submit([{ ...log(0), identity: ID }, { ...log(1), identity: bad }])).rejects.toMatchObject({ code: 'ERR_CHAINS_BLOCKED', status: 503 });
    expect(await svc.submit([{ ...log(1), identity: ID }])).toEqual({ indexed: 1, dlq: 0 });
    expect(await svc.warmUp([bad])).toEqual([{ name: 'elproxysigned-globex-6_months-0', error: expect.stringMatching(/no key file/) }]);
    await svc.close();
  });
});
