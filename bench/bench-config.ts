// The data folders of a benchmark's temporary `signet serve` configuration: every one under
// `{dir}/data`, as TOML lines of the main file (each bench adds its own sections after them).
import path from 'node:path';

export function dataDirLines(dir: string): string[] {
  const d = (name: string) => JSON.stringify(path.join(dir, 'data', name));
  return [
    `data_dir = ${d('keys')}`,
    `data_backup_dir = ${d('keys_backup')}`,
    `dlq_dir = ${d('dlq')}`,
    `dlq_recovered_dir = ${d('dlq_recovered')}`,
    `blockchain_state_history_dir = ${d('state_history')}`,
    `verification_reports_dir = ${d('reports')}`,
    `outbox_dir = ${d('outbox')}`,
  ];
}
