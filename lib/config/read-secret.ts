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
 *   is empty. Messages name the file, never its content.
 */
export function readSecret(source: SecretSource): Secret {
  if (source.kind === 'inline') return source.value;
  let text: string;
  try {
    text = fs.readFileSync(source.path, 'utf8');
  } catch (err) {
    throw new ConfigError([{ source: source.path, key: '', message: `cannot read secret file: ${ioReason(err)}`, io: true }], { cause: err });
  }
  const value = text.replace(/[\r\n]+$/, '');
  if (value === '') throw new ConfigError([{ source: source.path, key: '', message: 'secret file is empty' }]);
  return new Secret(value);
}
