import type { Command } from 'commander';
import { createUserStore, generatePassword, OidcError, type UserStore } from '../../oidc';
import { CliError } from '../cli-error';
import { loadCliConfig } from '../load-cli-config';

// `signet users add|passwd|list`: the embedded OpenID provider's users (used while
// console.auth.issuer is unset). Passwords are never flags (shell history, `ps`): they are read
// from stdin with --password-stdin, or generated and printed once.

function storeFor(c: Command): UserStore {
  const config = loadCliConfig(c);
  if (config.console.auth.issuer !== null) throw new CliError('ERR_CLI_INPUT', `console.auth.issuer is set (${config.console.auth.issuer}): users are managed in Keycloak, not with signet users`);
  return createUserStore(config.console.embeddedIdp.dataDir);
}

async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    if (Buffer.concat(chunks).length > 4096) throw new CliError('ERR_CLI_INPUT', 'the password on stdin is too long');
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** The password to set, and whether it was generated (then it is printed once). */
async function newPassword(fromStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (fromStdin) return { password: await readPasswordFromStdin(), generated: false };
  return { password: generatePassword(), generated: true };
}

async function run<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof OidcError) throw new CliError(err.code === 'ERR_OIDC_STORE_CORRUPT' ? 'ERR_CLI_FAILED' : 'ERR_CLI_INPUT', err.message, { cause: err });
    throw err;
  }
}

export function registerUsers(program: Command): void {
  const cmd = program.command('users').description('Manage the users of the embedded OpenID provider (console login while console.auth.issuer is unset).');
  cmd
    .command('add <username>')
    .description('Create a user. Without --password-stdin a password is generated and printed once.')
    .option('--role <role...>', 'console role(s), e.g. signet-viewer signet-operator signet-auditor (none: the user gets a 403 page)', [])
    .option('--password-stdin', 'read the password (first line, at least 12 characters) from stdin')
    .action(async (username: string, o: { role: string[]; passwordStdin?: boolean }, c: Command) => {
      const store = storeFor(c);
      const { password, generated } = await newPassword(o.passwordStdin === true);
      await run(() => store.add(username, password, o.role));
      process.stdout.write(generated ? `${username} ${password}\n` : `created ${username}\n`);
      if (generated) process.stderr.write('signet: the password is shown only now; only its scrypt hash is kept.\n');
    });
  cmd
    .command('passwd <username>')
    .description('Set a new password (takes effect at the next login, no restart). Without --password-stdin one is generated and printed once.')
    .option('--password-stdin', 'read the password (first line, at least 12 characters) from stdin')
    .action(async (username: string, o: { passwordStdin?: boolean }, c: Command) => {
      const store = storeFor(c);
      const { password, generated } = await newPassword(o.passwordStdin === true);
      await run(() => store.setPassword(username, password));
      process.stdout.write(generated ? `${username} ${password}\n` : `password of ${username} changed\n`);
    });
  cmd
    .command('list')
    .description('List users and their roles (never passwords).')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }, c: Command) => {
      const users = await run(() => storeFor(c).list());
      if (o.json === true) process.stdout.write(`${JSON.stringify(users.map(({ username, roles, updatedAt }) => ({ username, roles, updatedAt })))}\n`);
      else for (const u of users) process.stdout.write(`${u.username}\t${u.roles.length === 0 ? '(no roles)' : u.roles.join(',')}\n`);
    });
}
