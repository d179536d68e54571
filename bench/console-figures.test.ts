import { describe, expect, it } from 'vitest';
import { CONSOLE_ROUTES } from '../lib/auth/console-routes';
import { DEFAULT_OPTIONS, goalsMet, parseArgs, percentile, routeUrl, type PageFigure, type RouteFigure } from './console-figures';

describe('bench:console figures', () => {
  it('parses the quick-run flags and refuses unknown or bad ones by name', () => {
    expect(parseArgs([])).toEqual(DEFAULT_OPTIONS);
    expect(parseArgs(['--logs', '20_000', '--dlq', '0', '--requests', '5', '--keep'])).toEqual({ ...DEFAULT_OPTIONS, logs: 20_000, dlq: 0, requests: 5, keep: true });
    expect(() => parseArgs(['--log', '5'])).toThrow(/unknown flag --log/);
    expect(() => parseArgs(['--chains', '0'])).toThrow(/--chains: expected an integer ≥ 1/);
    expect(() => parseArgs(['--logs', '1e3x'])).toThrow(/--logs/);
    expect(() => parseArgs(['--dlq'])).toThrow(/--dlq needs a value/);
    expect(() => parseArgs(['--user', '../x'])).toThrow(/--user/);
  });

  it('builds each GET route URL from its registry sample (query, and path parameters if a route has them)', () => {
    expect(routeUrl(CONSOLE_ROUTES.auditList.path, CONSOLE_ROUTES.auditList.sample)).toBe('/api/console/audit?page=0&size=5');
    expect(routeUrl('/api/console/overview', {})).toBe('/api/console/overview');
    expect(routeUrl('/api/console/chains/[name]/reports', { name: 'elproxysigned-a b', size: 3 })).toBe('/api/console/chains/elproxysigned-a%20b/reports?size=3');
    expect(routeUrl('/api/console/chains/:name', { name: 'x' })).toBe('/api/console/chains/x');
    expect(() => routeUrl('/api/console/chains/[name]', {})).toThrow(/no sample value for the path parameter name/);
    for (const def of Object.values(CONSOLE_ROUTES)) expect(() => routeUrl(def.path, def.sample)).not.toThrow();
  });

  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(xs, 95)).toBe(19);
    expect(percentile(xs, 50)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBeNaN();
  });

  it('meets the goals only when every page shows its marker in time and every route is fast and error-free', () => {
    const page = (o: Partial<PageFigure>): PageFigure => ({ path: '/', ms: 900, cold_ms: 1200, marker: true, met: true, ...o });
    const route = (o: Partial<RouteFigure>): RouteFigure => ({ path: '/api/console/x', n: 30, p50_ms: 20, p95_ms: 50, errors: 0, met: true, ...o });
    expect(goalsMet({ a: page({}), b: page({ ms: 1400 }) }, { r: route({}) })).toBe(true);
    expect(goalsMet({ a: page({ marker: false, met: false }) }, { r: route({}) })).toBe(false);
    expect(goalsMet({ a: page({}) }, { r: route({ errors: 1, met: false }) })).toBe(false);
  });
});
