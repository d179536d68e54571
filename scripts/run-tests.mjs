// Runs every test suite of the project in order and prints one summary.
// Each suite reports how many checks passed and failed; a suite that crashes counts as one failure.
// The last line is the plain "N passed, N failed" that CI reads.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-tests-'));
const only = process.argv.slice(2);

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Reads a Vitest/Jest-style JSON report: { numPassedTests, numFailedTests }. */
function fromJestJson(file) {
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0) };
}

/** Reads a Playwright JSON report's stats. */
function fromPlaywrightJson(file) {
  const s = JSON.parse(fs.readFileSync(file, 'utf8')).stats ?? {};
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0 };
}

/** Reads a final "N passed, N failed[, N skipped]" line from a log file. */
function fromSummaryLine(file) {
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const m = /^(\d+) passed, (\d+) failed/.exec(lines.at(-1) ?? '');
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
}

const suites = [
  { name: 'lint', run: () => run('npx', ['eslint', '--max-warnings=0', '.']) },
  { name: 'typecheck', run: () => run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) },
  {
    name: 'unit',
    // Vitest with the coverage gate on lib/chain; a gate failure with all tests green is one failure.
    run: async () => {
      const out = path.join(tmp, 'vitest.json');
      const code = await run('npx', ['vitest', 'run', '--coverage', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
      if (!fs.existsSync(out)) return code;
      const r = fromJestJson(out);
      if (code !== 0 && r.failed === 0) r.failed = 1; // coverage threshold or a crash outside tests
      return r;
    },
  },
  { name: 'next-build', run: () => run('npx', ['next', 'build']) },
  {
    name: 'e2e',
    // Playwright (Debian Chromium) against `next start` of the build above.
    run: async () => {
      const out = path.join(tmp, 'playwright.json');
      const code = await run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out, CI: process.env.CI ?? '1' });
      if (!fs.existsSync(out)) return code;
      const r = fromPlaywrightJson(out);
      if (code !== 0 && r.failed === 0) r.failed = 1;
      return r;
    },
  },
];

let passed = 0;
let failed = 0;
const rows = [];
for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  console.log(`\n=== ${suite.name} ===`);
  const t0 = Date.now();
  let r;
  try {
    r = await suite.run();
  } catch (err) {
    console.error(err);
    r = 1;
  }
  if (typeof r === 'number') r = r === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  passed += r.passed;
  failed += r.failed;
  rows.push(`${suite.name.padEnd(16)} ${String(r.passed).padStart(6)} passed ${String(r.failed).padStart(4)} failed  ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}
console.log('\n=== summary ===');
for (const row of rows) console.log(row);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
export { fromSummaryLine };
