#!/usr/bin/env node
'use strict';
// `signet` CLI entry. The TypeScript sources are bundled to dist/ by `npm install` (prepare);
// if the bundle is missing (e.g. a clone where scripts were skipped) it is built on first use.
const path = require('node:path');
const fs = require('node:fs');

const root = path.join(__dirname, '..');
const bundle = path.join(root, 'dist', 'cli', 'main.cjs');
if (!fs.existsSync(bundle)) {
  require('node:child_process').execFileSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
}
require(bundle).run(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`signet: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 1; },
);
