import fs from 'node:fs';
import { ConfigError } from './config-error';
import { ioReason } from './read-toml-file';
import { Secret } from './secret';
import type { SecretSource } from './types';

/**
 * The secret a `SecretSource` designates: the inline value, or the content of its file with
 * trailing line breaks removed (editors add one). Read at the point of use, not at load time,
 * so a rotated password file is picked up on the next connection.
 *
 * @throws ConfigError `ERR_CONFIG_IO` when the file cannot be read, `ERR_CONFIG_INVALID` when it
 *   is empty or others may write it. Messages name the file, never its content.
 */
export function readSecret(source: SecretSource): Secret {
  if (source.kind === 'inline') return source.value;
  let text: string;
  let mode: number;
  try {
    const fd = fs.openSync(source.path, 'r');
    try {
      mode = fs.fstatSync(fd).mode;
      text = fs.readFileSync(fd, 'utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    throw new ConfigError([{ source: source.path, key: '', message: `cannot read secret file: ${ioReason(err)}`, io: true }], { cause: err });
  }
  const loose = othersMayWrite(mode);
  if (loose !== null) throw new ConfigError([{ source: source.path, key: '', message: `secret file ${loose}` }]);
  const value = text.replace(/[\r\n]+$/, '');
  if (value === '') throw new ConfigError([{ source: source.path, key: '', message: 'secret file is empty' }]);
  return new Secret(value);
}

/**
 * Why a file that grants access (a password, an API key list) must not be used, or null: one
 * that a group or every local user may write would let them set the credential (an ingest
 * password, a key of their own) — the way ssh refuses such files. Readable by the group is fine
 * (root:signet 0640 is a common packaging).
 */
export function othersMayWrite(mode: number): string | null {
  if ((mode & 0o022) === 0) return null;
  return `is writable by ${(mode & 0o002) !== 0 ? 'every user' : 'its group'} (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); chmod go-w it (0600 or 0640)`;
}
