// In-process `signet serve --no-console` for integration tests: a temporary configuration (plus
// a TOML drop-in), the real composition root (startSignet) with its embedded store on an
// ephemeral loopback port, and every server log line kept for assertions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../config';
import { startSignet, type RunningSignet } from '../start-signet';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Main file: every directory under `dir`, loopback listener and store on ephemeral ports. */
function writeConfig(dir: string, includeFields: readonly string[]): string {
  const conf = path.join(dir, 'config');
  fs.mkdirSync(path.join(conf, 'elastic_blockchain_proxy.d'), { recursive: true });
  const d = (n: string) => JSON.stringify(path.join(dir, 'data', n));
  fs.writeFileSync(
    path.join(conf, 'elastic_blockchain_proxy.toml'),
    `data_dir = ${d('keys')}\ndata_backup_dir = ${d('keys_backup')}\ndlq_dir = ${d('dlq')}\ndlq_recovered_dir = ${d('dlq_recovered')}\n` +
      `blockchain_state_history_dir = ${d('state_history')}\nverification_reports_dir = ${d('reports')}\noutbox_dir = ${d('outbox')}\n` +
      `failure_max_retries = 2\nfailure_sleep_ms_between_retries = 50\n` +
      // In this process: the store's child entry exists only in the bundled CLI (the crash test runs that).
      `[web_server]\naddress = "127.0.0.1:0"\n[embedded_elasticsearch]\ndata_dir = ${d('elasticsearch')}\nport = 0\nprocess = "inline"\n`,
  );
  fs.writeFileSync(path.join(conf, 'elastic_blockchain_proxy_fields.toml'), `include_fields = ${JSON.stringify(includeFields)}\n`);
  return conf;
}

export interface TestSignet {
  readonly dir: string;
  readonly configDir: string;
  readonly config: Config;
  readonly running: RunningSignet;
  readonly url: string;
  /** Every line Signet logged, in order. */
  readonly logs: string[];
  /** Stops Signet; `keepDir` leaves the data for later inspection (default: removed). */
  close(o?: { keepDir?: boolean }): Promise<void>;
}

/**
 * Starts Signet on a fresh temporary directory (or `dir`, to restart on the same data). `toml`
 * is written as a drop-in (`elastic_blockchain_proxy.d/50-test.toml`), so it may set any table,
 * including `[web_server]` which the main file already has; `includeFields` replaces the signed
 * fields (default `@timestamp`, `message`, `seq`). The environment is not read.
 */
export async function startTestSignet(o: { toml?: string; dir?: string; includeFields?: readonly string[] } = {}): Promise<TestSignet> {
  const dir = o.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'signet-it-'));
  const configDir = writeConfig(dir, o.includeFields ?? ['@timestamp', 'message', 'seq']);
  fs.writeFileSync(path.join(configDir, 'elastic_blockchain_proxy.d', '50-test.toml'), o.toml ?? '');
  const logs: string[] = [];
  let config: Config;
  let running: RunningSignet;
  try {
    config = loadConfig({ configDir, env: {}, baseDir: dir });
    running = await startSignet({ config, projectDir: ROOT, console: false, log: (line) => logs.push(line) });
  } catch (err) {
    if (o.dir === undefined) fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    dir,
    configDir,
    config,
    running,
    url: running.url,
    logs,
    async close(c = {}) {
      await running.close();
      if (c.keepDir !== true) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
