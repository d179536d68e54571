import path from 'node:path';

/** `file` relative to `baseDir` when inside it (`config/elastic_blockchain_proxy.toml`), else absolute. */
export function displayPath(file: string, baseDir: string): string {
  const rel = path.relative(baseDir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
