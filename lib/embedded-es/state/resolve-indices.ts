/**
 * Index expression resolution: comma lists, `_all`, `*` wildcards, `-` exclusions, aliases and
 * data streams (which expand to their backing indices). Hidden indices (`.ds-` backing indices
 * included) are matched by wildcards only with `expand_wildcards=hidden|all`, or when both the
 * pattern and the name start with a dot, so a pattern over data streams never counts a document
 * twice.
 */
import { indexNotFound } from '../errors/es-errors';
import { globMatch } from '../json/glob';
import type { Store } from './store';

export interface ResolveOptions {
  expandWildcards?: string;
  ignoreUnavailable?: boolean;
  allowNoIndices?: boolean;
}

function isHidden(store: Store, name: string): boolean {
  return store.indices.get(name)?.meta.settings['index.hidden'] === 'true';
}

/** Concrete index names of one name (index, alias or data stream); undefined when missing. */
export function expandName(store: Store, name: string): string[] | undefined {
  if (store.indices.has(name)) return [name];
  const alias = store.aliases.get(name);
  if (alias) return [...alias];
  const ds = store.dataStreams.get(name);
  if (ds) return [...ds.indices];
  return undefined;
}

/** Resolves an expression to concrete index names (stable order, no duplicates). */
export function resolveIndices(store: Store, expression: string | undefined, opts: ResolveOptions = {}): string[] {
  const expand = (opts.expandWildcards ?? 'open').split(',').map((s) => s.trim());
  const hidden = expand.includes('hidden') || expand.includes('all');
  const wildcards = !expand.includes('none');
  const result = new Set<string>();
  const parts = expression === undefined || expression === '' ? ['_all'] : expression.split(',').map((s) => s.trim()).filter((s) => s !== '');
  let sawWildcard = false;

  const matchWildcard = (pattern: string): string[] => {
    const out: string[] = [];
    if (!wildcards) return out;
    for (const name of store.indices.keys()) {
      if (!globMatch(pattern, name)) continue;
      if (isHidden(store, name) && !hidden && !(pattern.startsWith('.') && name.startsWith('.'))) continue;
      out.push(name);
    }
    for (const [alias, set] of store.aliases) if (globMatch(pattern, alias)) out.push(...set);
    for (const ds of store.dataStreams.values()) {
      if (globMatch(pattern, ds.name) && (!ds.hidden || hidden)) out.push(...ds.indices);
    }
    return out;
  };

  for (const part of parts) {
    if (part.startsWith('-') && sawWildcard) {
      const pat = part.slice(1);
      const drop = pat.includes('*') ? matchWildcard(pat) : expandName(store, pat) ?? [];
      for (const n of drop) result.delete(n);
      continue;
    }
    if (part === '_all' || part === '*') {
      sawWildcard = true;
      for (const n of matchWildcard('*')) result.add(n);
      continue;
    }
    if (part.includes('*')) {
      sawWildcard = true;
      for (const n of matchWildcard(part)) result.add(n);
      continue;
    }
    const names = expandName(store, part);
    if (!names) {
      if (opts.ignoreUnavailable) continue;
      throw indexNotFound(part);
    }
    for (const n of names) result.add(n);
  }
  if (result.size === 0 && opts.allowNoIndices === false) throw indexNotFound(expression ?? '_all');
  return [...result];
}
