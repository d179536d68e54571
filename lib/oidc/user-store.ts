import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ensureDir, writeFileAtomic } from '../durable-fs';
import { OidcError } from './oidc-error';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hash';

// The embedded provider's users: `<data_dir>/users.json`, mode 0600, replaced atomically. It is
// read on every login, so `signet users passwd` takes effect without a restart. The file holds
// only scrypt hashes; a password is shown once, by whoever set it.

export const USERS_FILE = 'users.json';

/** Usernames as Keycloak stores them: lower case, no spaces. */
const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;
const ROLE = /^[\x21-\x7e]{1,100}$/;
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;

const userSchema = z.strictObject({
  id: z.string().uuid(),
  username: z.string().regex(USERNAME),
  roles: z.array(z.string().regex(ROLE)).max(100),
  password: z.string().startsWith('scrypt$'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const fileSchema = z.strictObject({ version: z.literal(1), users: z.array(userSchema) });

export type StoredUser = z.infer<typeof userSchema>;
/** What may be listed: never the hash. */
export interface UserSummary {
  readonly id: string;
  readonly username: string;
  readonly roles: readonly string[];
  readonly updatedAt: string;
}

/** @throws OidcError ERR_OIDC_INPUT */
export function checkUsername(username: string): string {
  if (!USERNAME.test(username)) throw new OidcError('ERR_OIDC_INPUT', 'a username is 1-64 characters: lower-case letters, digits, ".", "_", "@" and "-", starting with a letter or digit');
  return username;
}

/** @throws OidcError ERR_OIDC_INPUT */
export function checkRoles(roles: readonly string[]): string[] {
  for (const r of roles) if (!ROLE.test(r)) throw new OidcError('ERR_OIDC_INPUT', `invalid role name ${JSON.stringify(r.slice(0, 100))}: 1-100 printable characters, no spaces`);
  return [...new Set(roles)];
}

/** @throws OidcError ERR_OIDC_INPUT */
export function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) throw new OidcError('ERR_OIDC_INPUT', `a password has ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`);
  return password;
}

/** A random password: 24 characters of base64url (144 bits), easy to copy as one word. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/** The user store of one data directory. */
export interface UserStore {
  readonly file: string;
  list(): Promise<UserSummary[]>;
  /** True when the file exists (first start = it does not). */
  exists(): Promise<boolean>;
  /** @throws OidcError ERR_OIDC_INPUT, ERR_OIDC_USER_EXISTS */
  add(username: string, password: string, roles: readonly string[]): Promise<UserSummary>;
  /** @throws OidcError ERR_OIDC_INPUT, ERR_OIDC_NO_USER */
  setPassword(username: string, password: string): Promise<void>;
  /** @throws OidcError ERR_OIDC_INPUT, ERR_OIDC_NO_USER */
  setRoles(username: string, roles: readonly string[]): Promise<void>;
  /** The user when the password matches, else null (same work either way). */
  authenticate(username: string, password: string): Promise<UserSummary | null>;
  findById(id: string): Promise<UserSummary | null>;
}

function summary(u: StoredUser): UserSummary {
  return { id: u.id, username: u.username, roles: [...u.roles], updatedAt: u.updatedAt };
}

/** Opens the store in `dataDir` (created with mode 0700 on first write). */
export function createUserStore(dataDir: string, now: () => Date = () => new Date()): UserStore {
  const file = path.join(dataDir, USERS_FILE);

  async function read(): Promise<StoredUser[]> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new OidcError('ERR_OIDC_STORE_CORRUPT', `${file} is not valid JSON; fix or remove it`, { cause });
    }
    const result = fileSchema.safeParse(parsed);
    if (!result.success) throw new OidcError('ERR_OIDC_STORE_CORRUPT', `${file} does not hold a user list (${result.error.issues[0]?.path.join('.') ?? ''}); fix or remove it`);
    return result.data.users;
  }

  async function write(users: StoredUser[]): Promise<void> {
    await ensureDir(dataDir, { mode: 0o700 });
    await writeFileAtomic(file, `${JSON.stringify({ version: 1, users }, null, 2)}\n`, { mode: 0o600 });
  }

  async function update(username: string, change: (u: StoredUser) => Promise<void>): Promise<void> {
    const users = await read();
    const user = users.find((u) => u.username === checkUsername(username));
    if (user === undefined) throw new OidcError('ERR_OIDC_NO_USER', `no user "${username}"`);
    await change(user);
    user.updatedAt = now().toISOString();
    await write(users);
  }

  return {
    file,
    list: async () => (await read()).map(summary),
    exists: () => fs.access(file).then(() => true, () => false),
    async add(username, password, roles) {
      checkUsername(username);
      checkPassword(password);
      const users = await read();
      if (users.some((u) => u.username === username)) throw new OidcError('ERR_OIDC_USER_EXISTS', `user "${username}" exists; use \`signet users passwd\` to change the password`);
      const at = now().toISOString();
      const user: StoredUser = { id: randomUUID(), username, roles: checkRoles(roles), password: await hashPassword(password), createdAt: at, updatedAt: at };
      await write([...users, user]);
      return summary(user);
    },
    setPassword: (username, password) => update(username, async (u) => { u.password = await hashPassword(checkPassword(password)); }),
    setRoles: (username, roles) => update(username, async (u) => { u.roles = checkRoles(roles); }),
    async authenticate(username, password) {
      const user = (await read()).find((u) => u.username === username.trim().toLowerCase());
      // Hash even for an unknown user: the answer time must not reveal which usernames exist.
      const ok = await verifyPassword(password.slice(0, MAX_PASSWORD_LENGTH), user?.password ?? DUMMY_HASH);
      return ok && user !== undefined ? summary(user) : null;
    },
    findById: async (id) => {
      const user = (await read()).find((u) => u.id === id);
      return user === undefined ? null : summary(user);
    },
  };
}
