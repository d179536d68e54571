// The CLI adapter end to end (house style §2.7: test the CLI, not only the library), against a
// fake Elasticsearch and a temporary test directory.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeEs } from './__fixtures__/fake-es';
import type { FakeEs } from './__fixtures__/fake-es';
import { formatSummaryLine } from './format-report';
import { parseCliArgs } from './parse-cli-args';
import { runCli } from './run-cli';
import type { SuiteResult } from './types';

const HEADER = '---\nrequires:\n  serverless: true\n  stack: true\n';
const PASSING = `${HEADER}---\n"info":\n  - do:\n      info: {}\n  - match: { tagline: "You Know, for Search" }\n`;
const FAILING = `${HEADER}---\n"wrong tagline":\n  - do:\n      info: {}\n  - match: { tagline: nope }\n---\n"fine":\n  - do:\n      ping: {}\n  - is_true: ''\n`;
const SKIPPING = `${HEADER}---\n"yaml":\n  - requires:\n      test_runner_features: yaml\n  - do:\n      info: {}\n`;

let fake: FakeEs;
let dir: string;
beforeEach(async () => {
  fake = await startFakeEs();
  dir = mkdtempSync(path.join(os.tmpdir(), 'es-conformance-'));
  mkdirSync(path.join(dir, 'sub'));
  writeFileSync(path.join(dir, 'a_pass.yml'), PASSING);
  writeFileSync(path.join(dir, 'sub', 'b_fail.yml'), FAILING);
  writeFileSync(path.join(dir, 'c_skip.yml'), SKIPPING);
  writeFileSync(path.join(dir, 'notes.txt'), 'not a test');
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), writeFile: (p, t) => writeFile(p, t) });
  return { code, out, err };
}

describe('es-conformance CLI', () => {
  it('prints one line per file, failure details and the exact summary line; exits 1 on failure', async () => {
    const { code, out } = await cli('--url', fake.url, '--dir', dir);
    expect(code).toBe(1);
    expect(out[0]).toBe('PASS a_pass.yml (1 passed, 0 failed, 0 skipped)');
    expect(out[1]).toBe('SKIP c_skip.yml (0 passed, 0 failed, 1 skipped)');
    expect(out[2]).toBe('  SKIPPED "yaml": unsupported feature(s): yaml');
    expect(out[3]).toBe('FAIL sub/b_fail.yml (1 passed, 1 failed, 0 skipped)');
    expect(out[4]).toMatch(/^ {2}FAILED "wrong tagline": test step 2 \(match tagline\): expected "nope" but was "You Know, for Search"$/);
    expect(out.at(-1)).toBe('2 passed, 1 failed, 1 skipped');
    expect(out.at(-1)).toMatch(/^\d+ passed, \d+ failed, \d+ skipped$/);
  });

  it('exits 0 when nothing failed, honours --filter and writes --json', async () => {
    const json = path.join(dir, 'out', 'result.json');
    mkdirSync(path.dirname(json));
    const { code, out } = await cli('--url', fake.url, '--dir', dir, '--filter', 'a_pass', '--json', json, '--verbose');
    expect(code).toBe(0);
    expect(out.filter((line) => /^ {2}passed "info" \(\d+ ms\)$/.test(line))).toHaveLength(1);
    expect(out.at(-1)).toBe('1 passed, 0 failed, 0 skipped');
    const result = JSON.parse(readFileSync(json, 'utf8')) as SuiteResult;
    expect(result.totals).toEqual({ passed: 1, failed: 0, skipped: 0 });
    expect(result.clusterVersion).toBe('8.19.2');
    expect(result.files.map((f) => f.file)).toEqual(['a_pass.yml']);
  });

  it('counts an unparsable file as a failed test and keeps going', async () => {
    writeFileSync(path.join(dir, 'a_broken.yml'), `${HEADER}---\n"bad":\n  - do: [not, a, mapping]\n`);
    const { code, out } = await cli('--url', fake.url, '--dir', dir, '--filter', 'a_');
    expect(code).toBe(1);
    expect(out[0]).toBe('FAIL a_broken.yml (0 passed, 1 failed, 0 skipped)');
    expect(out[1]).toContain('do must be a mapping');
    expect(out.at(-1)).toBe('1 passed, 1 failed, 0 skipped');
  });

  it('rejects bad usage with exit status 2', async () => {
    expect((await cli('--dir', dir)).code).toBe(2);
    expect((await cli('--url', 'not a url', '--dir', dir)).err[0]).toContain('--url');
    expect((await cli('--url', fake.url, '--dir', path.join(dir, 'missing'))).err[0]).toContain('cannot read test directory');
    expect((await cli('--url', fake.url, '--dir', dir, '--bogus')).code).toBe(2);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out[0]).toContain('--url <url>');
  });

  it('parses timeouts and flags', () => {
    expect(parseCliArgs(['--url', 'http://127.0.0.1:1', '--dir', 'd', '--request-timeout', '500', '--strict-warnings'])).toMatchObject({
      requestTimeoutMs: 500, testTimeoutMs: 120_000, strictWarnings: true, verbose: false,
    });
    expect(() => parseCliArgs(['--url', 'http://127.0.0.1:1', '--dir', 'd', '--test-timeout', '-1'])).toThrow(/test-timeout/);
  });

  it('formats the summary line exactly', () => {
    expect(formatSummaryLine({ passed: 12, failed: 0, skipped: 3 })).toBe('12 passed, 0 failed, 3 skipped');
  });
});
