// bench:console's route inputs that must name real things: the registry's samples (lib/auth/
// console-routes.ts) name a made-up chain, DLQ file and report, which answer 404 — a benchmark of
// error paths. After seeding, these take the first chain, the first DLQ file and a report made by a
// real `signet verify` of one seeded chain (which also gives the Verification and Corruptions pages
// a report to show).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';

type Sample = Readonly<Record<string, string | number | boolean | readonly string[]>>;

export interface SampleSources {
  readonly base: string;
  readonly root: string;
  readonly configDir: string;
  /** The store `signet serve` started (the configuration leaves its port to the OS). */
  readonly esUrl: string;
  readonly keysBackupDir: string;
  readonly customer: string;
  readonly retention: string;
  readonly log: (line: string) => void;
}

async function getJson<T>(context: BrowserContext, url: string): Promise<T> {
  const res = await context.request.get(url, { headers: { accept: 'application/json' } });
  if (res.status() !== 200) throw new Error(`GET ${url}: ${res.status()} ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as T;
}

/** Real inputs for the routes that read one chain, one DLQ file or one report (by route id). */
export async function realSamples(context: BrowserContext, s: SampleSources): Promise<Record<string, Sample>> {
  const chains = await getJson<{ chains: { name: string; customer: string; tag: string }[] }>(context, `${s.base}/api/console/chains`);
  const chain = chains.chains.find((c) => c.customer === s.customer);
  if (chain === undefined) throw new Error('no seeded chain in /api/console/chains');
  const dlq = await getJson<{ signed: { relPath: string }[] }>(context, `${s.base}/api/console/dlq`);
  const file = dlq.signed[0]?.relPath;
  if (file === undefined) throw new Error('no DLQ file in /api/console/dlq');

  const t0 = performance.now();
  const keyFile = path.join(s.keysBackupDir, s.customer, `${chain.name}_key.json`);
  const args = ['verify', '--tenant', s.customer, '--retention', s.retention, '--tag', chain.tag, '--key-file', keyFile, '--elasticsearch-indexing-delay', '0', '--config-dir', s.configDir];
  const env = { ...process.env, SIGNET_ELASTICSEARCH__URL: s.esUrl };
  const run = spawnSync(process.execPath, [path.join(s.root, 'bin', 'signet.cjs'), ...args], { encoding: 'utf8', timeout: 600_000, env });
  if (run.status !== 0) throw new Error(`signet verify of ${chain.name} exited with ${run.status}: ${run.stderr.slice(0, 500)}`);
  s.log(`signet verify of ${chain.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const reports = await getJson<{ reports: { id: string }[] }>(context, `${s.base}/api/console/verification/reports?page=0&size=1`);
  const report = reports.reports[0]?.id;
  if (report === undefined) throw new Error('the verification saved no report');

  return {
    chainDetail: { chain: chain.name, logs: 30 },
    dlqEntries: { file, page: 0, size: 20 },
    verificationReport: { id: report },
  };
}
