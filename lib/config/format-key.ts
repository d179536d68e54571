import type { KeyPath } from './merge-layers';

/** `web_server.tls.type`, `include_fields[2]`, `retentions."bad name"`: a path as TOML spells it. */
export function formatKey(path: KeyPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const bare = /^[A-Za-z0-9_-]+$/.test(segment) ? segment : JSON.stringify(segment);
      out += out === '' ? bare : `.${bare}`;
    }
  }
  return out;
}
