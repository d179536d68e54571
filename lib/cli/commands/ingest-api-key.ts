import type { Command } from 'commander';
import fs from 'node:fs';
import { createApiKey, parseApiKeysFile, revokeApiKey } from '../../ingest';
import { CliError } from '../cli-error';
import { loadCliConfig } from '../load-cli-config';

/** `signet ingest-api-key create|list|revoke`: keys for `ingest.auth.type = "ApiKey"`. */
export function registerIngestApiKey(program: Command): void {
  const cmd = program.command('ingest-api-key').description('Manage API keys that shippers use for the ingest API (ingest.auth.type = "ApiKey").');
  const keysFile = (c: Command): string => {
    const auth = loadCliConfig(c).ingest.auth;
    if (auth.type !== 'ApiKey') throw new CliError('ERR_CLI_INPUT', `ingest.auth.type is "${auth.type}"; set it to "ApiKey" (with api_keys_file) to use API keys`);
    return auth.apiKeysFile;
  };
  cmd
    .command('create <id>')
    .description('Create a key and print the Authorization header value for the shipper (shown once).')
    .action(async (id: string, _o: unknown, c: Command) => {
      try {
        const r = await createApiKey(keysFile(c), id);
        process.stdout.write(`Authorization: ${r.header}\n`);
        process.stderr.write('signet: store this value now: only its digest is kept.\n');
      } catch (err) {
        if (err instanceof RangeError) throw new CliError('ERR_CLI_INPUT', err.message);
        throw err;
      }
    });
  cmd
    .command('list')
    .description('List key ids.')
    .action((_o: unknown, c: Command) => {
      const file = keysFile(c);
      const { entries, problems } = parseApiKeysFile(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
      for (const e of entries) process.stdout.write(`${e.id}\n`);
      for (const p of problems) process.stderr.write(`signet: ${file}: ${p}\n`);
    });
  cmd
    .command('revoke <id>')
    .description('Revoke a key (takes effect immediately, no restart).')
    .action(async (id: string, _o: unknown, c: Command) => {
      if (!(await revokeApiKey(keysFile(c), id))) throw new CliError('ERR_CLI_INPUT', `no ingest API key with id "${id}"`);
      process.stdout.write(`revoked ${id}\n`);
    });
}
