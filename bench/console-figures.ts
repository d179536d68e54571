// Pure helpers of `npm run bench:console` (bench/console.ts): command-line flags, the URL of a
// console API route from its registry sample, percentiles and the goals verdict. Kept apart so
// they are unit-tested without a browser or a server.

export interface ConsoleBenchOptions {
  /** Signed logs sent through the ingest API (spread over `chains` chains). */
  readonly logs: number;
  readonly chains: number;
  /** Entries written into the dead letter queue (its own NDJSON format). */
  readonly dlq: number;
  /** GET requests per API route (after 2 warm-up requests). */
  readonly requests: number;
  /** Measured loads per page (after 1 warm-up load). */
  readonly loads: number;
  /** The console user the browser logs in as (embedded OpenID provider). */
  readonly user: string;
  readonly keep: boolean;
}

export const DEFAULT_OPTIONS: ConsoleBenchOptions = { logs: 1_000_000, chains: 8, dlq: 100_000, requests: 30, loads: 3, user: 'viewer', keep: false };

/** Goals of issue 7 §9. */
export const GOAL_PAGE_MS = 1_500;
export const GOAL_ROUTE_P95_MS = 300;

/**
 * `--logs N --dlq N --chains N --requests N --loads N --user NAME --keep`.
 * @throws {Error} naming the flag for an unknown flag or a bad value.
 */
export function parseArgs(argv: readonly string[]): ConsoleBenchOptions {
  const o: { -readonly [K in keyof ConsoleBenchOptions]: ConsoleBenchOptions[K] } = { ...DEFAULT_OPTIONS };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    if (flag === '--keep') {
      o.keep = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--user') {
      if (!/^[A-Za-z0-9._-]{1,64}$/.test(value)) throw new Error(`--user: not a user name: ${value}`);
      o.user = value;
      continue;
    }
    const key = ({ '--logs': 'logs', '--dlq': 'dlq', '--chains': 'chains', '--requests': 'requests', '--loads': 'loads' } as const)[flag];
    if (key === undefined) throw new Error(`unknown flag ${flag} (flags: --logs N --dlq N --chains N --requests N --loads N --user NAME --keep)`);
    const n = Number(value.replace(/_/g, ''));
    const min = key === 'logs' || key === 'dlq' ? 0 : 1;
    if (!Number.isInteger(n) || n < min) throw new Error(`${flag}: expected an integer ≥ ${min}, got ${value}`);
    o[key] = n;
  }
  return o;
}

/**
 * The URL of a route from its registry path and sample: `[name]` / `:name` path segments take the
 * sample's value of that name (encoded), the rest of the sample becomes the query string.
 * @throws {Error} when a path parameter has no sample value.
 */
export function routeUrl(routePath: string, sample: Readonly<Record<string, string | number | boolean | readonly string[]>>): string {
  const used = new Set<string>();
  const pathPart = routePath
    .split('/')
    .map((seg) => {
      const m = /^\[(?:\.\.\.)?([A-Za-z_][A-Za-z0-9_]*)\]$|^:([A-Za-z_][A-Za-z0-9_]*)$/.exec(seg);
      if (m === null) return seg;
      const name = (m[1] ?? m[2]) as string;
      if (!(name in sample)) throw new Error(`${routePath}: no sample value for the path parameter ${name}`);
      used.add(name);
      return encodeURIComponent(String(sample[name]));
    })
    .join('/');
  const query = new URLSearchParams(Object.entries(sample).filter(([k]) => !used.has(k)).map(([k, v]) => [k, String(v)])).toString();
  return query === '' ? pathPart : `${pathPart}?${query}`;
}

/** Nearest-rank percentile (p in 0..100) of `xs`; NaN for none. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}

export const median = (xs: readonly number[]): number => percentile(xs, 50);
export const round1 = (x: number): number => Math.round(x * 10) / 10;

export interface PageFigure {
  readonly path: string;
  /** Median of the measured loads (ms) until the page shows its data; null when it never did. */
  readonly ms: number | null;
  readonly cold_ms: number | null;
  /** The page rendered `[data-test-subj="pageLoaded"]`; without it `ms` is the time to network idle with no spinner left. */
  readonly marker: boolean;
  readonly met: boolean;
}

export interface RouteFigure {
  readonly path: string;
  readonly n: number;
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly errors: number;
  readonly met: boolean;
}

/** Every page shows its data (marker) within the goal, and every route meets its p95 with no errors. */
export function goalsMet(pages: Readonly<Record<string, PageFigure>>, routes: Readonly<Record<string, RouteFigure>>): boolean {
  return Object.values(pages).every((p) => p.met) && Object.values(routes).every((r) => r.met);
}
