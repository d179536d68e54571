import fs from 'node:fs';
import { parse, TomlError } from 'smol-toml';
import type { ConfigProblem } from './config-error';

export type TomlFile =
  | { readonly status: 'missing' }
  | { readonly status: 'ok'; readonly data: Record<string, unknown> }
  | { readonly status: 'error'; readonly problem: ConfigProblem };

/**
 * Reads and parses one TOML file. A missing file is not an error (callers decide what it means);
 * unreadable files and syntax errors become a problem labelled `label` (with line and column for
 * syntax errors). The problem message never includes file content, which may hold secrets.
 */
export function readTomlFile(file: string, label: string): TomlFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'error', problem: { source: label, key: '', message: `cannot read: ${ioReason(err)}`, io: true } };
  }
  try {
    // A BOM is legal in UTF-8 files written by some Windows editors but not in TOML.
    const data = parse(text.replace(/^\uFEFF/, ''), { unsafeKeyBehaviour: 'throw' });
    return { status: 'ok', data };
  } catch (err) {
    if (!(err instanceof TomlError)) throw err;
    // smol-toml appends a code excerpt after the first line; keep only the reason.
    const reason = (err.message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
    const hint = reason === 'invalid value' ? ' (strings must be quoted, e.g. level = "debug")' : '';
    return { status: 'error', problem: { source: label, key: '', message: `TOML syntax error: ${reason}${hint}`, line: err.line, column: err.column } };
  }
}

/** `EACCES (permission denied)`-style reason without the path (already in the source label). */
export function ioReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return `${e.code} (permission denied)`;
  if (e.code === 'EISDIR') return 'EISDIR (is a directory)';
  if (e.code === 'ENOTDIR') return 'ENOTDIR (not a directory)';
  return e.code ?? (err instanceof Error ? err.message : String(err));
}
