import path from 'node:path';
import { ensureDir, writeFileExclusive } from '../durable-fs';
import { generatePassword, type UserStore } from './user-store';

// First start of the embedded provider: one user per console role, with generated passwords
// written ONCE to a 0600 file (never rewritten, never printed: `signet serve` prints its path).

export const INITIAL_PASSWORDS_FILE = 'initial-passwords.txt';

export interface ConsoleRoleNames {
  readonly viewer: string;
  readonly operator: string;
  readonly auditor: string;
}

/**
 * Creates `viewer`, `operator` and `auditor` when the store has no file yet. Returns the
 * passwords file path when it was written now, else null.
 */
export async function seedInitialUsers(users: UserStore, dataDir: string, roles: ConsoleRoleNames, now: Date = new Date()): Promise<string | null> {
  if (await users.exists()) return null;
  const created: [string, string, string][] = [];
  for (const [username, role] of [['viewer', roles.viewer], ['operator', roles.operator], ['auditor', roles.auditor]] as const) {
    const password = generatePassword();
    await users.add(username, password, [role]);
    created.push([username, password, role]);
  }
  const file = path.join(dataDir, INITIAL_PASSWORDS_FILE);
  const lines = [
    `# Signet embedded OpenID provider: users created on first start (${now.toISOString()}).`,
    '# Change them with `signet users passwd <username>`, then delete this file.',
    '# username password role',
    ...created.map(([u, p, r]) => `${u} ${p} ${r}`),
    '',
  ];
  await ensureDir(dataDir, { mode: 0o700 });
  await writeFileExclusive(file, lines.join('\n'), { mode: 0o600 });
  return file;
}

/** Reads the passwords file written on first start (tests and quick-start tooling). */
export function parseInitialPasswords(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [user, password] = line.split(' ');
    if (user !== undefined && password !== undefined) out.set(user, password);
  }
  return out;
}
