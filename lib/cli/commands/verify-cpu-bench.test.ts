import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from '../cli-test-helpers';

beforeAll(() => buildCli());

describe('signet verify-cpu-bench', () => {
  it('verifies a generated chain in worker threads and prints one JSON object', () => {
    const r = runCli(['verify-cpu-bench', '--n-logs', '3000', '--batch-size', '500', '--concurrent-batches', '2', '--json']);
    expect(r.stderr).toBe(''); // no progress bar outside a TTY
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const j = JSON.parse(lines[0]!);
    expect(j).toMatchObject({ n_logs: 3000, batch_size: 500, concurrent_batches: 2, log_size_kb: 1, errors: 0 });
    expect(j.logs_per_s).toBeGreaterThan(0);
    expect(j.mb_per_s).toBeGreaterThan(0);
    expect(j.verify_seconds).toBeGreaterThan(0);
  });

  it('prints a readable summary; log size scales the bytes verified', () => {
    const r = runCli(['verify-cpu-bench', '--n-logs', '1200', '--batch-size', '300', '--log-size', '4', '--concurrent-batches', '3']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/verify-cpu-bench: 1,200 logs of 4 KB, batches of 300, 3 concurrent batches/);
    expect(r.stdout).toMatch(/errors found: 0 \(expected 0\)/);
    const mb = Number(/([\d.]+) MB\/s/.exec(r.stdout)![1]);
    const logs = Number(/: ([\d,]+) logs\/s/.exec(r.stdout)![1]!.replace(/,/g, ''));
    expect((mb * 1e6) / logs).toBeGreaterThan(3.5 * 1024); // ≈ 4 KB per log
  });

  it.each([
    [['--n-logs', 'abc'], /--n-logs must be a positive integer/],
    [['--n-logs', '0'], /--n-logs must be a positive integer/],
    [['--batch-size', '1.5'], /--batch-size must be a positive integer/],
    [['--log-size', '-1'], /--log-size must be a positive number/],
    [['--concurrent-batches', '1000'], /--concurrent-batches must be a positive integer up to 256/],
    [['--bogus'], /unknown option '--bogus'/],
  ])('refuses %j with one line and exit code 1', (args, message) => {
    const r = runCli(['verify-cpu-bench', ...args]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
  });
});

describe('signet --help', () => {
  it('lists the commands that work, with El Proxy defaults shown', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/verify-cpu-bench/);
    const help = runCli(['verify-cpu-bench', '--help']).stdout;
    // Commander wraps long lines, so the default may be on the next line.
    for (const [flag, def] of [['--batch-size <n>', '1000'], ['--n-logs <n>', '1000000'], ['--log-size <kb>', '1'], ['--concurrent-batches <n>', '2']]) {
      expect(help).toMatch(new RegExp(`${flag}[^-]*\\(default: ${def}\\)`));
    }
  });
});
