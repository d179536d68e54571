#!/usr/bin/env node
'use strict';
// Starts `signet serve` for the e2e suite on a fresh temporary configuration and data directory:
// embedded store and embedded OpenID provider on loopback, the console on 127.0.0.1:<port>.
// Playwright's webServer runs this; SIGTERM is passed on so Signet shuts down cleanly.
const { spawn } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');

const port = Number(process.env.E2E_PORT ?? 3100);
// The embedded store on a known loopback port (e2e/e2e-env.ts E2E_ES_URL): specs and `signet verify`
// reach the store the server uses (e.g. to fix a DLQ cause with a rollover, or tamper with a log).
const esPort = Number(process.env.E2E_ES_PORT ?? port + 1000);
const dir = process.env.E2E_DIR ?? path.join(os.tmpdir(), `signet-e2e-${port}`);
const root = path.join(__dirname, '..');

fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(path.join(dir, 'config'), { recursive: true, mode: 0o700 });
const data = path.join(dir, 'data');
const secretFile = path.join(dir, 'session-secret');
fs.writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
const q = (p) => JSON.stringify(p);
fs.writeFileSync(
  path.join(dir, 'config', 'elastic_blockchain_proxy.toml'),
  `data_dir = ${q(path.join(data, 'keys'))}
data_backup_dir = ${q(path.join(data, 'keys_backup'))}
dlq_dir = ${q(path.join(data, 'dlq'))}
dlq_recovered_dir = ${q(path.join(data, 'dlq_recovered'))}
blockchain_state_history_dir = ${q(path.join(data, 'state_history'))}
verification_reports_dir = ${q(path.join(data, 'reports'))}
outbox_dir = ${q(path.join(data, 'outbox'))}

[web_server]
address = "127.0.0.1:${port}"
public_url = "http://127.0.0.1:${port}"

[embedded_elasticsearch]
data_dir = ${q(path.join(data, 'elasticsearch'))}
port = ${esPort}

[console]
data_dir = ${q(path.join(data, 'console'))}
session_secret_file = ${q(secretFile)}
session_max_age_secs = ${Number(process.env.E2E_SESSION_MAX_AGE ?? 3600)}

[console.embedded_idp]
port = 0
`,
);

const child = spawn(process.execPath, [path.join(root, 'bin', 'signet.cjs'), 'serve', '--config-dir', path.join(dir, 'config')], { cwd: dir, stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
