import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = path.join(ROOT, 'dist', 'bench', 'ingest.cjs');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-bench-output-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the bundled bench with stdout and stderr in ONE file, in the order they were written. */
function runBench(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const file = path.join(dir, 'output.txt');
  const fd = fs.openSync(file, 'w');
  const child = spawn(process.execPath, [BUNDLE], { cwd: ROOT, stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      fs.closeSync(fd);
      resolve({ code, output: fs.readFileSync(file, 'utf8') });
    });
  });
}

describe('npm run bench:ingest', () => {
  // A tiny run (served directly without the console, so no Next.js build is needed): what is
  // checked is the output's shape, not the figures.
  it('ends with one JSON line of figures, after everything the services print on shutdown', async () => {
    expect(fs.existsSync(BUNDLE), `${BUNDLE} is built by npm install (prepare: scripts/build-cli.mjs)`).toBe(true);
    const { code, output } = await runBench({ BENCH_MODES: 'bare,fast', BENCH_CHAINS: '1', BENCH_ROUNDS: '1', BENCH_BATCHES: '8', BENCH_CLIENTS: '2' });
    expect(code, output).toBe(0);
    const lines = output.trimEnd().split('\n');
    expect(lines.some((l) => l.includes('shutting down')), output).toBe(true); // the services did print on shutdown…
    const figures = JSON.parse(lines.at(-1) as string) as Record<string, unknown>; // …before the figures
    expect(figures).toMatchObject({ batch_logs: 125, clients: 2, rounds: 1, goals: { ratio_min: 0.75, per_chain_min: 20_000, basis: 'bare' } });
    const [scenario] = figures.scenarios as { chains: number; bare: { logs_per_s: number; baseline_logs_per_s: number; ratio: number } }[];
    expect(scenario?.chains).toBe(1);
    expect(scenario?.bare.logs_per_s).toBeGreaterThan(0);
    expect(scenario?.bare.baseline_logs_per_s).toBeGreaterThan(0);
    expect(scenario?.bare.ratio).toBeCloseTo((scenario?.bare.logs_per_s ?? 0) / (scenario?.bare.baseline_logs_per_s ?? 1), 2);
    // One round: the spread of the per-round ratios is that round's ratio.
    expect((scenario?.bare as unknown as { ratio_spread: Record<string, number> }).ratio_spread).toEqual({ min: scenario?.bare.ratio, p25: scenario?.bare.ratio, p75: scenario?.bare.ratio, max: scenario?.bare.ratio });
    // The fast store's figures: its own legs (the sink's CPU counted as the store's), reported
    // beside the goals, which stay judged on the same-store figures.
    const fast = (scenario as unknown as { fast: { logs_per_s: number; baseline_logs_per_s: number; per_chain_logs_per_s: number; cpu_split_us_per_log: { store: number } } }).fast;
    expect(fast.logs_per_s).toBeGreaterThan(0);
    expect(fast.baseline_logs_per_s).toBeGreaterThan(0);
    expect(fast.cpu_split_us_per_log.store).toBeGreaterThan(0);
    expect(figures.goals).toMatchObject({ per_chain_logs_per_s: { 1: scenario?.bare.logs_per_s }, fast_store: { per_chain_logs_per_s: { 1: fast.per_chain_logs_per_s } } });
    expect(output).toMatch(/bulk sink \(fast store\) at http:\/\/127\.0\.0\.1:\d+/);
  }, 120_000);
});
