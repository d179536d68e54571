import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserStore } from '../../oidc';
import { buildCli, ROOT } from '../cli-test-helpers';

// `signet users add|passwd|list` end to end through the bundled CLI.

let dir: string;
const signet = (args: string[], input?: string) => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'signet.cjs'), ...args, '--config-dir', path.join(dir, 'config')], { input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

beforeAll(() => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'signet-users-cli-'));
  fs.mkdirSync(path.join(dir, 'config'));
  fs.writeFileSync(path.join(dir, 'config', 'elastic_blockchain_proxy.toml'), `[console]\ndata_dir = ${JSON.stringify(path.join(dir, 'console'))}\n`);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('signet users', () => {
  it('adds users with a generated or a stdin password, lists them, changes passwords', async () => {
    const gen = signet(['users', 'add', 'alice', '--role', 'signet-operator', 'signet-auditor']);
    expect(gen.status, gen.stderr).toBe(0);
    const [name, password] = gen.stdout.trim().split(' ');
    expect(name).toBe('alice');
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    expect(signet(['users', 'add', 'bob', '--password-stdin'], 'bob-password-123\n').stdout).toBe('created bob\n');
    expect(signet(['users', 'list']).stdout).toBe('alice\tsignet-operator,signet-auditor\nbob\t(no roles)\n');

    const store = createUserStore(path.join(dir, 'console', 'idp'));
    expect(await store.authenticate('alice', password as string)).not.toBeNull();
    expect(signet(['users', 'passwd', 'bob', '--password-stdin'], 'bob-new-password-1\n').status).toBe(0);
    expect(await store.authenticate('bob', 'bob-new-password-1')).not.toBeNull();
    expect(await store.authenticate('bob', 'bob-password-123')).toBeNull();
  });

  it('refuses bad input with one clear line and exit 1', () => {
    for (const [args, input, message] of [
      [['users', 'add', 'alice'], undefined, 'exists'],
      [['users', 'add', 'Bad Name'], undefined, 'username'],
      [['users', 'add', 'carol', '--password-stdin'], 'short\n', '12 to 1024'],
      [['users', 'passwd', 'nobody'], undefined, 'no user "nobody"'],
    ] as const) {
      const r = signet([...args], input);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(message);
      expect(r.stdout).toBe('');
    }
  });
});
