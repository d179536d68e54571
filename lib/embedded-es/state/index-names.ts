/** Index, alias and data stream name rules (Elasticsearch's MetadataCreateIndexService). */
import { invalidIndexName } from '../errors/es-errors';

const INVALID_CHARS = ['\\', '/', '*', '?', '"', '<', '>', '|', ' ', ','];

/** @throws invalid_index_name_exception with Elasticsearch's reason. */
export function validateIndexName(name: string): void {
  if (INVALID_CHARS.some((c) => name.includes(c))) {
    throw invalidIndexName(name, 'must not contain the following characters [ , ", *, \\, <, |, ,, >, /, ?]');
  }
  if (name.includes('#')) throw invalidIndexName(name, "must not contain '#'");
  if (name.includes(':')) throw invalidIndexName(name, "must not contain ':'");
  if (/^[_\-+]/.test(name)) throw invalidIndexName(name, "must not start with '_', '-', or '+'");
  if (name === '.' || name === '..') throw invalidIndexName(name, "must not be '.' or '..'");
  const bytes = Buffer.byteLength(name);
  if (bytes > 255) throw invalidIndexName(name, `index name is too long, (${bytes} > 255)`);
  if (name !== name.toLowerCase()) throw invalidIndexName(name, 'must be lowercase');
}

/** True when `name` contains a wildcard or is a pattern-like expression. */
export function isPattern(name: string): boolean {
  return name.includes('*');
}
