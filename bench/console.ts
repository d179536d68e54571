/**
 * Benchmark of the console (`npm run bench:console`, issue 7 §9): with 1M signed logs in 8 chains
 * and 100k DLQ entries, the time until each console page shows its data, and the console API's
 * p95 per GET route. Goals: every page ≤ 1.5 s, every API route p95 ≤ 300 ms.
 *
 * - Runs the production build: `signet serve` (bin/signet.cjs, which needs `next build` and
 *   `node scripts/build-cli.mjs`) on a fresh temporary configuration, with its embedded store and
 *   embedded OpenID provider on loopback.
 * - Seeding: the signed logs go through the real ingest API (`/api/log_batch`, one client per
 *   chain, 500 logs per request). The DLQ entries are written before the start in the DLQ's own
 *   NDJSON format by lib/dlq (`dlq.append`, one file per chain): producing 100k mapping conflicts
 *   through ingest would take longer than the rest of the run, and the pages read the same files.
 * - Pages: every entry of CONSOLE_PAGES (lib/shared/console-api/console-pages.ts), so pages added
 *   later are measured with no change here. A page marks "my data is on screen" by rendering
 *   `[data-test-subj="pageLoaded"]` (components/page-loaded.tsx). Time = navigation start → marker
 *   attached, in Debian's Chromium (`/usr/bin/chromium` or CHROMIUM_PATH; no browser is ever
 *   downloaded), logged in through the embedded OpenID provider like the e2e suite. One warm-up
 *   load, then `--loads` measured loads; the figure is their median. A page without the marker is
 *   timed to network idle with no spinner left and reported with `marker: false` (it cannot meet
 *   the goal: nothing says its data is there).
 * - API: every GET route of CONSOLE_ROUTES (lib/auth/console-routes.ts) with its registry sample
 *   — or, for the routes that read one chain, DLQ file or report, a real one (console-samples.ts:
 *   the report comes from a `signet verify` of one seeded chain, run before the pages) — 2 warm-up then `--requests` sequential requests with the session cookie; p50/p95 in ms.
 * - Baseline, same run: the public `/logged-out` page (load event) and the p95 of
 *   `GET /api/console/session` (the cheapest authenticated route).
 *
 * Flags: --logs N (1000000) --dlq N (100000) --chains N (8) --requests N (30) --loads N (3)
 * --user NAME (viewer) --keep (leave the temporary directory). Progress goes to stderr; the last
 * stdout line is one JSON object.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CONSOLE_ROUTES } from '../lib/auth/console-routes';
import { CONSOLE_PAGES } from '../lib/shared';
import { realSamples } from './console-samples';
import { CUSTOMER, RETENTION, seedDlq, seedLogs } from './console-seed';
import { dataDirLines } from './bench-config';
import { GOAL_PAGE_MS, GOAL_ROUTE_P95_MS, goalsMet, median, parseArgs, percentile, round1, routeUrl, type ConsoleBenchOptions, type PageFigure, type RouteFigure } from './console-figures';

const ROOT = path.resolve(__dirname, '..', '..');
const MARKER = '[data-test-subj="pageLoaded"]';
type RouteFigureSample = Parameters<typeof routeUrl>[1];

function log(msg: string): void {
  process.stderr.write(`[bench:console] ${msg}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function writeConfig(dir: string, port: number): string {
  const cfg = path.join(dir, 'config');
  mkdirSync(cfg, { recursive: true, mode: 0o700 });
  const d = (name: string) => JSON.stringify(path.join(dir, 'data', name));
  const secret = path.join(dir, 'session-secret');
  writeFileSync(secret, randomBytes(32).toString('base64url'), { mode: 0o600 });
  writeFileSync(
    path.join(cfg, 'elastic_blockchain_proxy.toml'),
    [
      ...dataDirLines(dir),
      '[web_server]',
      `address = "127.0.0.1:${port}"`,
      `public_url = "http://127.0.0.1:${port}"`,
      '[embedded_elasticsearch]',
      `data_dir = ${d('elasticsearch')}`,
      'port = 0',
      '[console]',
      `data_dir = ${d('console')}`,
      `session_secret_file = ${JSON.stringify(secret)}`,
      '[console.embedded_idp]',
      'port = 0',
      '',
    ].join('\n'),
  );
  return cfg;
}

interface Serve {
  readonly child: ChildProcess;
  readonly url: string;
  /** The embedded store (for `signet verify`). */
  readonly esUrl: string;
}

async function startServe(cfg: string, cwd: string): Promise<Serve> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toUpperCase().startsWith('SIGNET_'))) as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'signet.cjs'), '--config-dir', cfg, 'serve'], { stdio: ['ignore', 'pipe', 'pipe'], env, cwd });
  let out = '';
  const urls = await new Promise<{ url: string; esUrl: string }>((resolve, reject) => {
    const check = () => {
      const m = /listening on (https?:\/\/\S+)/.exec(out);
      const e = /embedded Elasticsearch-compatible store: (http:\/\/\S+)/.exec(out);
      if (m && e) resolve({ url: m[1] as string, esUrl: e[1] as string });
    };
    child.stdout?.on('data', (d: Buffer) => ((out += d.toString()), check()));
    child.stderr?.on('data', (d: Buffer) => ((out += d.toString()), check()));
    child.once('exit', (code) => reject(new Error(`signet serve exited with ${code}:\n${out}`)));
  });
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[signet] ${d.toString()}`));
  return { child, ...urls };
}

async function stopServe(s: Serve): Promise<void> {
  if (s.child.exitCode !== null) return;
  const done = new Promise<void>((resolve) => s.child.once('exit', () => resolve()));
  s.child.kill('SIGTERM');
  await done;
}

function initialPassword(dir: string, user: string): string {
  const file = path.join(dir, 'data', 'console', 'idp', 'initial-passwords.txt');
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [u, p] = line.split(' ');
    if (u === user && p !== undefined) return p;
  }
  throw new Error(`no first-start password for ${user} in ${file}`);
}

/** A real OpenID Connect login through the browser (as e2e/fixtures.ts does). */
async function login(page: Page, base: string, user: string, password: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.waitForURL(/\/realms\/signet\/login-actions\//, { timeout: 60_000 });
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
  await page.waitForURL((u) => u.origin === base && !u.pathname.startsWith('/login') && !u.pathname.startsWith('/api/auth'), { timeout: 60_000 });
}

/** One full navigation; ms until the marker is attached (or, without it, network idle and no spinner). */
async function loadPage(page: Page, url: string, useMarker: boolean): Promise<number> {
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  if (useMarker) {
    await page.locator(MARKER).waitFor({ state: 'attached', timeout: 60_000 });
  } else {
    await page.waitForLoadState('networkidle', { timeout: 60_000 });
    await page.waitForFunction(() => document.querySelector('.euiLoadingSpinner, .euiLoadingChart, [data-test-subj="clientOnlyFallback"]') === null, undefined, { timeout: 60_000 });
  }
  return performance.now() - t0;
}

async function measurePages(page: Page, base: string, o: ConsoleBenchOptions): Promise<Record<string, PageFigure>> {
  const out: Record<string, PageFigure> = {};
  for (const def of CONSOLE_PAGES) {
    const url = `${base}${def.path}`;
    // The warm-up load also finds out whether the page has the marker (20 s is far beyond any goal).
    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    const marker = await page.locator(MARKER).waitFor({ state: 'attached', timeout: 20_000 }).then(() => true, () => false);
    const cold = marker ? performance.now() - t0 : null;
    const times: number[] = [];
    for (let i = 0; i < o.loads; i++) times.push(await loadPage(page, url, marker));
    const ms = round1(median(times));
    out[def.id] = { path: def.path, ms, cold_ms: cold === null ? null : round1(cold), marker, met: marker && ms <= GOAL_PAGE_MS };
    log(`  page ${def.id.padEnd(14)} ${def.path.padEnd(20)} ${ms} ms${marker ? '' : ' (no pageLoaded marker: network idle)'}`);
  }
  return out;
}

async function measureRoutes(context: BrowserContext, base: string, o: ConsoleBenchOptions, samples: Record<string, RouteFigureSample>): Promise<Record<string, RouteFigure>> {
  const out: Record<string, RouteFigure> = {};
  for (const [id, def] of Object.entries(CONSOLE_ROUTES)) {
    if (def.method !== 'GET') continue;
    const url = `${base}${routeUrl(def.path, samples[id] ?? def.sample)}`;
    const times: number[] = [];
    let errors = 0;
    for (let i = 0; i < o.requests + 2; i++) {
      const t0 = performance.now();
      const res = await context.request.get(url, { headers: { accept: 'application/json' } });
      await res.body();
      const ms = performance.now() - t0;
      if (res.status() !== 200) errors++;
      if (i >= 2) times.push(ms);
    }
    const p95 = round1(percentile(times, 95));
    out[id] = { path: def.path, n: times.length, p50_ms: round1(percentile(times, 50)), p95_ms: p95, errors, met: errors === 0 && p95 <= GOAL_ROUTE_P95_MS };
    log(`  GET ${def.path.padEnd(32)} p50 ${out[id].p50_ms} ms, p95 ${p95} ms${errors > 0 ? `, ${errors} errors` : ''}`);
  }
  return out;
}


async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) throw new Error('no production build: run `npx next build` first');
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH); no browser is downloaded`);
  const started = performance.now();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'signet-bench-console-'));
  let serve: Serve | null = null;
  let browser: Browser | null = null;
  let figures: string | null = null;
  try {
    const port = await freePort();
    const cfg = writeConfig(dir, port);
    log(`${o.logs} logs in ${o.chains} chains, ${o.dlq} DLQ entries; temporary directory ${dir}`);
    const d0 = performance.now();
    await seedDlq(dir, o.dlq, o.chains);
    const dlqSecs = (performance.now() - d0) / 1000;
    log(`DLQ: ${o.dlq} entries written in ${dlqSecs.toFixed(1)} s`);
    serve = await startServe(cfg, dir);
    log(`signet serve on ${serve.url}`);
    const seedSecs = await seedLogs(serve.url, o.logs, o.chains, log);
    log(`ingest: ${o.logs} logs in ${seedSecs.toFixed(1)} s (${Math.round(o.logs / Math.max(seedSecs, 1e-3))}/s)`);

    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    // Baseline 1: a public page with no data (load event).
    const publicTimes: number[] = [];
    for (let i = 0; i < o.loads + 1; i++) {
      const t0 = performance.now();
      await page.goto(`${serve.url}/logged-out`, { waitUntil: 'load' });
      if (i > 0) publicTimes.push(performance.now() - t0);
    }
    await login(page, serve.url, o.user, initialPassword(dir, o.user));
    const samples = await realSamples(context, { base: serve.url, root: ROOT, configDir: cfg, esUrl: serve.esUrl, keysBackupDir: path.join(dir, 'data', 'keys_backup'), customer: CUSTOMER, retention: RETENTION, log });
    log(`logged in as ${o.user}; pages (median of ${o.loads} loads after a warm-up):`);
    const pages = await measurePages(page, serve.url, o);
    log(`API (p95 of ${o.requests} GETs after 2 warm-up):`);
    const routes = await measureRoutes(context, serve.url, o, samples);
    const session = routes.session;
    const result = {
      bench: 'console',
      logs: o.logs,
      chains: o.chains,
      dlq_entries: o.dlq,
      user: o.user,
      seed: { ingest_seconds: round1(seedSecs), ingest_logs_per_sec: Math.round(o.logs / Math.max(seedSecs, 1e-3)), dlq_seconds: round1(dlqSecs) },
      baseline: { logged_out_page_ms: round1(median(publicTimes)), session_route_p95_ms: session?.p95_ms ?? null },
      pages,
      routes,
      goals: { page_ms: GOAL_PAGE_MS, route_p95_ms: GOAL_ROUTE_P95_MS },
      pages_without_marker: Object.entries(pages).filter(([, p]) => !p.marker).map(([id]) => id),
      total_seconds: round1((performance.now() - started) / 1000),
      goals_met: goalsMet(pages, routes),
    };
    figures = JSON.stringify(result);
  } finally {
    await browser?.close().catch(() => undefined);
    if (serve !== null) await stopServe(serve);
    if (o.keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  // After the child processes stopped: what they print on shutdown must not follow the figures' line.
  process.stdout.write(`${figures}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`[bench:console] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
